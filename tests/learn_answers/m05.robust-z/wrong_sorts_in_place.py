# mistake: sorts the caller's array in place to find the median by hand
# fails: does not modify its inputs
import numpy as np


def robust_z(values):
    original = values.copy()
    values.sort()
    n = len(values)
    med = (values[(n - 1) // 2] + values[n // 2]) / 2
    scale = 1.4826 * np.median(np.abs(values - med))
    if scale == 0:
        q25, q75 = np.quantile(values, [0.25, 0.75])
        scale = (q75 - q25) / 1.349
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(n)
    return (original - med) / scale
