# mistake: the NaN are not dropped, so np.median answers nan
# fails: low matches the reference
import numpy as np


def robust_fences(values, threshold):
    m = np.median(values)
    s = 1.4826 * np.median(np.abs(values - m))
    return m - threshold * s, m + threshold * s
