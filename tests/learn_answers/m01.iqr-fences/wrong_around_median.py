# mistake: puts both fences k IQRs from the median instead of from Q1 and Q3
# fails: low matches the reference
import numpy as np


def iqr_fences(values, k):
    q1, median, q3 = np.nanpercentile(values, [25, 50, 75])
    return median - k * (q3 - q1), median + k * (q3 - q1)
