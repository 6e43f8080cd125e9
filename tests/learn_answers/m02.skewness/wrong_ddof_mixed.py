# mistake: the sample standard deviation (ddof=1) in g1's denominator, then the factor on top:
# the correction is applied twice over
# fails: skew matches the reference
import numpy as np


def skewness(x):
    n = len(x)
    g1 = np.mean((x - x.mean()) ** 3) / x.std(ddof=1) ** 3
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))
