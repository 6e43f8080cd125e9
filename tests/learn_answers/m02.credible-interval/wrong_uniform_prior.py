# mistake: the uniform prior Beta(1, 1) instead of Jeffreys' Beta(0.5, 0.5)
# fails: low matches the reference
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 1 + positives, 1 + rows - positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)
