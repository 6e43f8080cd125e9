# mistake: sorts the caller's array in place to read the quartiles off it
# fails: does not modify its inputs
import numpy as np


def iqr_fences(values, k):
    values.sort()  # NaN sort to the end
    n = int(np.count_nonzero(~np.isnan(values)))
    q1, q3 = np.percentile(values[:n], [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
