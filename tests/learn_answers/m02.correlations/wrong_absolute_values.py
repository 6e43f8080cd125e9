# mistake: reports the strength only (the absolute value), losing the direction
# fails: pearson matches the reference
import numpy as np
from scipy import stats


def correlations(x, y):
    pearson = abs(np.corrcoef(x, y)[0, 1])
    spearman = abs(np.corrcoef(stats.rankdata(x), stats.rankdata(y))[0, 1])
    return float(pearson), float(spearman)
