# mistake: treats -1 (a missing category) as one more group
# fails: eta matches the reference
import numpy as np


def correlation_ratio(groups, values):
    m = values.mean()
    total = ((values - m) ** 2).sum()
    between = sum(
        (groups == g).sum() * (values[groups == g].mean() - m) ** 2 for g in np.unique(groups)
    )
    return float(np.sqrt(between / total))
