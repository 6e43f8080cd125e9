# mistake: dense ranks (1, 1, 2, …: the next value after a tie gets the next integer), not the
# average of the positions the tied values occupy
# fails: spearman matches the reference
import numpy as np
from scipy import stats


def correlations(x, y):
    rx, ry = stats.rankdata(x, method="dense"), stats.rankdata(y, method="dense")
    return float(np.corrcoef(x, y)[0, 1]), float(np.corrcoef(rx, ry)[0, 1])
