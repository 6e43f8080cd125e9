# right: a frozen Beta distribution's interval(), which is the equal-tailed one
from scipy import stats


def credible_interval(positives, rows, level):
    posterior = stats.beta(positives + 0.5, rows - positives + 0.5)
    low, high = posterior.interval(level)
    return float(low), float(high)
