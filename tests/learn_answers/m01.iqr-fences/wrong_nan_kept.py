# mistake: the NaN are not dropped, so np.percentile answers nan
# fails: low matches the reference
import numpy as np


def iqr_fences(values, k):
    q1, q3 = np.percentile(values, [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
