# mistake: Brown, Cai and DasGupta's frequentist variant of the Jeffreys interval, which sets the
# low end to 0 when nothing was positive and the high end to 1 when everything was: not the
# posterior's quantiles the exercise asks for
# fails: low matches the reference
from scipy import stats


def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows - positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    if positives == 0:
        lo = 0.0
    if positives == rows:
        hi = 1.0
    return float(lo), float(hi)
