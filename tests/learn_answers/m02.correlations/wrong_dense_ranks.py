# mistake: dense ranks (1, 1, 2, …), not the average of the positions tied values occupy
# fails: spearman matches the reference
# With ties of two only, dense ranks are a linear function of the average ranks;
# ties of three part them.
import numpy as np
from scipy import stats


def correlations(x, y):
    rx, ry = stats.rankdata(x, method="dense"), stats.rankdata(y, method="dense")
    return float(np.corrcoef(x, y)[0, 1]), float(np.corrcoef(rx, ry)[0, 1])
