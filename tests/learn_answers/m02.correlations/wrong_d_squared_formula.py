# mistake: the shortcut 1 - 6Σd²/(n(n²-1)), exact only when no value is tied
# fails: spearman matches the reference
import numpy as np
from scipy import stats


def correlations(x, y):
    n = len(x)
    d = stats.rankdata(x) - stats.rankdata(y)
    return float(np.corrcoef(x, y)[0, 1]), float(1 - 6 * np.sum(d**2) / (n * (n**2 - 1)))
