# mistake: a and b swapped: the interval of the rate of negatives
# fails: low matches the reference
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + rows - positives, 0.5 + positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)
