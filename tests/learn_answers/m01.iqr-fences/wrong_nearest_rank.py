# mistake: the nearest-rank percentile (the value at position ⌈p·n⌉), no interpolation
# fails: low matches the reference
import math

import numpy as np


def iqr_fences(values, k):
    x = np.sort(values[~np.isnan(values)])
    q1 = x[math.ceil(0.25 * len(x)) - 1]
    q3 = x[math.ceil(0.75 * len(x)) - 1]
    return float(q1 - k * (q3 - q1)), float(q3 + k * (q3 - q1))
