# mistake: stops at g1 and forgets the small-sample factor sqrt(n(n-1))/(n-2)
# fails: skew matches the reference
import numpy as np


def skewness(x):
    d = x - x.mean()
    return float(np.mean(d**3) / np.mean(d**2) ** 1.5)
