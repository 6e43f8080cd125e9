# mistake: the overall mean as the mean of the group means, which differs when groups differ in size
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    keep = groups >= 0
    groups, values = groups[keep], values[keep]
    codes = np.unique(groups)
    means = np.array([values[groups == g].mean() for g in codes])
    sizes = np.array([(groups == g).sum() for g in codes])
    m = means.mean()
    return float(np.sqrt((sizes * (means - m) ** 2).sum() / ((values - m) ** 2).sum()))
