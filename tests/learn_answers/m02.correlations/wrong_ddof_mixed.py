# mistake: np.cov (which divides by n - 1) over np.std (which divides by n): r is n/(n-1) too big
# fails: pearson matches the reference
import numpy as np
from scipy import stats


def _r(a, b):
    return float(np.cov(a, b)[0, 1] / (np.std(a) * np.std(b)))


def correlations(x, y):
    return _r(x, y), _r(stats.rankdata(x), stats.rankdata(y))
