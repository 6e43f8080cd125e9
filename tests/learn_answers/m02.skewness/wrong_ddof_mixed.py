# mistake: the sample standard deviation (ddof=1) in g1, then the small-sample factor on top
# fails: skew matches the reference
# The bias is corrected twice over: too large, more so on small samples.
import numpy as np


def skewness(x):
    n = len(x)
    g1 = np.mean((x - x.mean()) ** 3) / x.std(ddof=1) ** 3
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))
