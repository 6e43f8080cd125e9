# mistake: hand-made tie handling that averages neighbours two at a time
# fails: spearman matches the reference
# Right for a pair of equal values, wrong for three or more.
import numpy as np


def _ranks(v):
    order = np.argsort(v, kind="stable")
    ranks = np.arange(1, len(v) + 1, dtype=float)
    for i in range(len(v) - 1):
        if v[order[i]] == v[order[i + 1]]:
            ranks[i] = ranks[i + 1] = (ranks[i] + ranks[i + 1]) / 2
    out = np.empty(len(v))
    out[order] = ranks
    return out


def correlations(x, y):
    return float(np.corrcoef(x, y)[0, 1]), float(np.corrcoef(_ranks(x), _ranks(y))[0, 1])
