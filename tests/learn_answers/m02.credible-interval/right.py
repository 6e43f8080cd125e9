# right: the Jeffreys posterior's two quantiles with beta.ppf
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows - positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)
