# mistake: the small-sample factor misremembered as sqrt(n(n-1))/(n-1)
# fails: skew matches the reference
import numpy as np


def skewness(x):
    n = len(x)
    d = x - x.mean()
    g1 = np.mean(d**3) / np.mean(d**2) ** 1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 1))
