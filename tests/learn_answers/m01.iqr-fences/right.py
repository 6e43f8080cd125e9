# right: NaN dropped with a mask, then np.percentile's default
import numpy as np


def iqr_fences(values, k):
    x = values[~np.isnan(values)]
    q1, q3 = np.percentile(x, [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
