# mistake: the median as the sorted values' middle element (for an even n, not the mean of two)
# fails: z matches the reference
import numpy as np


def _median(x):
    return np.sort(x)[len(x) // 2]


def robust_z(values):
    med = _median(values)
    scale = 1.4826 * _median(np.abs(values - med))
    if scale == 0:
        q25, q75 = np.quantile(values, [0.25, 0.75])
        scale = (q75 - q25) / 1.349
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(len(values))
    return (values - med) / scale
