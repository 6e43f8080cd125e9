# mistake: scipy's scale="normal" divides by Φ⁻¹(3/4), i.e. multiplies by 1.482602…, not the
# exercise's 1.4826: limits off by 1.5e-6 relative, far outside the 1e-9 asked
# fails: low matches the reference
import numpy as np
from scipy import stats


def robust_fences(values, threshold):
    center = np.nanmedian(values)
    spread = stats.median_abs_deviation(values, scale="normal", nan_policy="omit")
    return float(center - threshold * spread), float(center + threshold * spread)
