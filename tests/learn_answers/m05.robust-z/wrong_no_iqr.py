# mistake: skips the IQR fallback: a zero MAD goes straight to the standard deviation
# fails: z matches the reference
import numpy as np


def robust_z(values):
    med = np.median(values)
    scale = 1.4826 * np.median(np.abs(values - med))
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(len(values))
    return (values - med) / scale
