# mistake: scipy.stats.skew with its default bias=True is the plain g1, not the adjusted G1
# fails: skew matches the reference
from scipy import stats


def skewness(x):
    return float(stats.skew(x))
