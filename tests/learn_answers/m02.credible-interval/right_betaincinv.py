# right: the inverse of the regularized incomplete beta function is the Beta quantile
from scipy.special import betaincinv


def credible_interval(positives, rows, level):
    a = positives + 0.5
    b = rows - positives + 0.5
    tail = (1 - level) / 2
    return float(betaincinv(a, b, tail)), float(betaincinv(a, b, 1 - tail))
