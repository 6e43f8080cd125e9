# mistake: ranks by argsort of argsort, which gives tied values different ranks
# fails: spearman matches the reference
import numpy as np


def _r(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def correlations(x, y):
    rx = np.argsort(np.argsort(x)).astype(float)
    ry = np.argsort(np.argsort(y)).astype(float)
    return _r(x, y), _r(rx, ry)
