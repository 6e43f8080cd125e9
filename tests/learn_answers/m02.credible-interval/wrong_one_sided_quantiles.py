# mistake: quantiles at 1 - level and level, which leaves 2(1 - level) outside instead of 1 - level
# fails: low matches the reference
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows - positives
    return float(stats.beta.ppf(1 - level, a, b)), float(stats.beta.ppf(level, a, b))
