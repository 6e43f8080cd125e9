# mistake: b from all the rows, not from the rows that were not positive
# fails: low matches the reference
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)
