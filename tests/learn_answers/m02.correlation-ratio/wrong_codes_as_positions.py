# mistake: uses the codes as positions (np.bincount), assuming they are 0, 1, …, g-1
# fails: runs without numerical warnings
# Codes that skip numbers make empty groups whose mean is 0/0.
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    counts = np.bincount(groups)
    means = np.bincount(groups, weights=values) / counts
    m = values.mean()
    between = np.nansum(counts * (means - m) ** 2)
    return float(np.sqrt(between / ((values - m) ** 2).sum()))
