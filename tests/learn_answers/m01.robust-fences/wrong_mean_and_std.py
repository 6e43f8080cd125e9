# mistake: mean ± threshold standard deviations, which the wild value drags along
# fails: low matches the reference
import numpy as np


def robust_fences(values, threshold):
    m, s = np.nanmean(values), np.nanstd(values)
    return m - threshold * s, m + threshold * s
