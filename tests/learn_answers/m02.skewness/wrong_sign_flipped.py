# mistake: deviations taken the wrong way round (mean - x), which flips the sign of every odd power
# fails: skew matches the reference
import numpy as np


def skewness(x):
    n = len(x)
    d = x.mean() - x
    g1 = np.mean(d**3) / np.mean(d**2) ** 1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))
