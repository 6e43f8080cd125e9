# right: the textbook "sample skewness" n/((n-1)(n-2)) Σ z³ with z standardized by the sample
# standard deviation (ddof=1): algebraically the same G1
import numpy as np


def skewness(x):
    n = len(x)
    z = (x - x.mean()) / x.std(ddof=1)
    return float(n / ((n - 1) * (n - 2)) * np.sum(z**3))
