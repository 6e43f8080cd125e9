# right: a loop over the distinct codes after leaving out the missing ones (with the -1 rule)
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    m = values.mean()
    total = ((values - m) ** 2).sum()
    between = 0.0
    for g in np.unique(groups):
        between += (groups == g).sum() * (values[groups == g].mean() - m) ** 2
    return float(np.sqrt(between / total))
