# right: scipy's median_abs_deviation divides by `scale`, so scale=1/1.4826 multiplies by 1.4826
import numpy as np
from scipy import stats


def robust_fences(values, threshold):
    center = np.nanmedian(values)
    spread = stats.median_abs_deviation(values, scale=1 / 1.4826, nan_policy="omit")
    return float(center - threshold * spread), float(center + threshold * spread)
