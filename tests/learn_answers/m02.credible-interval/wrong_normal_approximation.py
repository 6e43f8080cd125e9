# mistake: the normal (Wald) interval rate ± z·sqrt(rate(1 - rate)/rows)
# fails: low matches the reference
# It has no width at 0 of 10.
import math

from scipy import stats


def credible_interval(positives, rows, level):
    rate = positives / rows
    z = stats.norm.ppf((1 + level) / 2)
    half = z * math.sqrt(rate * (1 - rate) / rows)
    return rate - half, rate + half
