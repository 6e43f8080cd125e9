# mistake: Tukey's usual 1.5 written in instead of the k asked for
# fails: low matches the reference
import numpy as np


def iqr_fences(values, k):
    q1, q3 = np.nanpercentile(values, [25, 75])
    return q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
