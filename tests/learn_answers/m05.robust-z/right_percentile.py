# right: np.percentile (linear, like np.quantile) and an if/elif chain of the scales
import numpy as np


def robust_z(values):
    med = np.median(values)
    mad = np.median(np.abs(values - med))
    q25, q75 = np.percentile(values, [25, 75])
    if mad != 0:
        scale = 1.4826 * mad
    elif q75 != q25:
        scale = (q75 - q25) / 1.349
    elif np.std(values, ddof=1) != 0:
        scale = np.std(values, ddof=1)
    else:
        return np.zeros_like(values, dtype=float)
    return (values - med) / scale
