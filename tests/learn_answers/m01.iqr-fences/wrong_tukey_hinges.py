# mistake: Q1 and Q3 as the medians of the lower and upper halves (Tukey's hinges, as taught by
# hand), not NumPy's linear percentile the exercise asks for
# fails: low matches the reference
import numpy as np


def iqr_fences(values, k):
    x = np.sort(values[~np.isnan(values)])
    half = len(x) // 2
    q1 = np.median(x[:half])
    q3 = np.median(x[half + len(x) % 2 :])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
