# mistake: scipy's scale="normal" (1.482602…) instead of the exercise's 1.4826
# fails: low matches the reference
# scale="normal" divides by Φ⁻¹(3/4): limits off by 1.5e-6 relative, far outside the 1e-9 asked.
import numpy as np
from scipy import stats


def robust_fences(values, threshold):
    center = np.nanmedian(values)
    spread = stats.median_abs_deviation(values, scale="normal", nan_policy="omit")
    return float(center - threshold * spread), float(center + threshold * spread)
