# mistake: returns η², the share of variance explained, without the square root
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    m = values.mean()
    total = ((values - m) ** 2).sum()
    between = sum(
        (groups == g).sum() * (values[groups == g].mean() - m) ** 2 for g in np.unique(groups)
    )
    return float(between / total)
