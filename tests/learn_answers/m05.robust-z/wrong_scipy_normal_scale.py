# mistake: scipy's MAD with scale="normal" uses 1/Φ⁻¹(3/4) = 1.482602…, not the 1.4826 asked
# fails: z matches the reference
import numpy as np
from scipy.stats import iqr, median_abs_deviation


def robust_z(values):
    med = np.median(values)
    scale = median_abs_deviation(values, scale="normal")
    if scale == 0:
        scale = iqr(values) / 1.349
    if scale == 0:
        scale = values.std(ddof=1)
    if scale == 0:
        return np.zeros(len(values))
    return (values - med) / scale
