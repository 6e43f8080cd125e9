# mistake: multiplies the MAD by 0.6745 where the robust z divides by it (0.6745 = 1 / 1.4826)
# fails: low matches the reference
import numpy as np


def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = np.median(x)
    s = 0.6745 * np.median(np.abs(x - m))
    return m - threshold * s, m + threshold * s
