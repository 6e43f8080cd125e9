# mistake: divides the MAD by 1.4826 instead of multiplying
# fails: z matches the reference
import numpy as np


def robust_z(values):
    med = np.median(values)
    scale = np.median(np.abs(values - med)) / 1.4826
    if scale == 0:
        q25, q75 = np.quantile(values, [0.25, 0.75])
        scale = (q75 - q25) / 1.349
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(len(values))
    return (values - med) / scale
