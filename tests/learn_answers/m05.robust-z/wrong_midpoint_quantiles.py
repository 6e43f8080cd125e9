# mistake: quartiles by the "midpoint" method, not np.quantile's default linear interpolation
# fails: z matches the reference
import numpy as np


def robust_z(values):
    med = np.median(values)
    scale = 1.4826 * np.median(np.abs(values - med))
    if scale == 0:
        q25, q75 = np.quantile(values, [0.25, 0.75], method="midpoint")
        scale = (q75 - q25) / 1.349
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(len(values))
    return (values - med) / scale
