# mistake: the absolute deviations are taken from the mean, not from the median
# fails: low matches the reference
import numpy as np


def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = np.median(x)
    s = 1.4826 * np.median(np.abs(x - x.mean()))
    return m - threshold * s, m + threshold * s
