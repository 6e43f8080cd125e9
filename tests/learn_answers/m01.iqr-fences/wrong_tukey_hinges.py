# mistake: Q1 and Q3 as the medians of the two halves (Tukey's hinges, as taught by hand)
# fails: low matches the reference
# The exercise asks for NumPy's linear percentile; the hinges agree with it on few sample sizes.
import numpy as np


def iqr_fences(values, k):
    x = np.sort(values[~np.isnan(values)])
    half = len(x) // 2
    q1 = np.median(x[:half])
    q3 = np.median(x[half + len(x) % 2 :])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
