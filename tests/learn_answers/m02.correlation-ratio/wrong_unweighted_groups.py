# mistake: adds up the squared gaps of the group means without weighting each by its group's size
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    m = values.mean()
    total = ((values - m) ** 2).mean()
    gaps = [(values[groups == g].mean() - m) ** 2 for g in np.unique(groups)]
    return float(np.sqrt(np.mean(gaps) / total))
