# right: median and MAD with NumPy
import numpy as np


def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = np.median(x)
    s = 1.4826 * np.median(np.abs(x - m))
    return m - threshold * s, m + threshold * s
