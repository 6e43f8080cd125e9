# mistake: the low end set to 0 at 0 positives, the high end to 1 at all positives
# fails: low matches the reference
# Brown, Cai and DasGupta's frequentist variant of the Jeffreys interval does that; the exercise
# asks for the posterior's quantiles.
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows - positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    if positives == 0:
        lo = 0.0
    if positives == rows:
        hi = 1.0
    return float(lo), float(hi)
