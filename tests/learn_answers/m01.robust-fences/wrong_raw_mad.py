# mistake: the raw MAD without the 1.4826 that turns it into a standard deviation
# fails: low matches the reference
import numpy as np


def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = np.median(x)
    s = np.median(np.abs(x - m))
    return m - threshold * s, m + threshold * s
