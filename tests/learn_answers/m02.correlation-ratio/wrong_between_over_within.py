# mistake: the between-group sum of squares over the within-group one (F-like), not the total
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    m = values.mean()
    between = within = 0.0
    for g in np.unique(groups):
        part = values[groups == g]
        between += len(part) * (part.mean() - m) ** 2
        within += ((part - part.mean()) ** 2).sum()
    return float(np.sqrt(between / within))
