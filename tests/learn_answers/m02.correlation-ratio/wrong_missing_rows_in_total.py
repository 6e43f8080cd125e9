# mistake: leaves the -1 rows out of the groups but not out of the overall mean and the total
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    m = values.mean()
    total = ((values - m) ** 2).sum()
    between = 0.0
    for g in np.unique(groups[groups >= 0]):
        between += (groups == g).sum() * (values[groups == g].mean() - m) ** 2
    return float(np.sqrt(between / total))
