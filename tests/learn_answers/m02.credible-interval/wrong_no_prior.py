# mistake: no prior at all, Beta(positives, rows - positives), undefined when either count is 0
# fails: low matches the reference
import numpy as np
from scipy import stats


def credible_interval(positives, rows, level):
    tails = np.array([(1 - level) / 2, (1 + level) / 2])
    lo, hi = stats.beta.ppf(tails, positives, rows - positives)
    return float(lo), float(hi)
