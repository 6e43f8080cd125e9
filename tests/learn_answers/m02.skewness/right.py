# right: g1 from the central moments, then the small-sample factor
import numpy as np


def skewness(x):
    d = x - x.mean()
    n = len(x)
    g1 = np.mean(d**3) / np.mean(d**2) ** 1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))
