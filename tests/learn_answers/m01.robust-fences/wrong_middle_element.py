# mistake: the median as the middle element of the sorted values, wrong for an even count
# fails: low matches the reference
import numpy as np


def _median(x):
    return np.sort(x)[len(x) // 2]


def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = _median(x)
    s = 1.4826 * _median(np.abs(x - m))
    return float(m - threshold * s), float(m + threshold * s)
