# mistake: the midpoint percentile method, not NumPy's default linear one
# fails: low matches the reference
import numpy as np


def iqr_fences(values, k):
    q1, q3 = np.nanpercentile(values, [25, 75], method="midpoint")
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
