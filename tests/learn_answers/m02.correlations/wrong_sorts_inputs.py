# mistake: sorts the caller's arrays in place to find the ranks
# fails: does not modify its inputs
import numpy as np


def _ranks(v):
    original = v.copy()
    v.sort()
    return np.array([np.mean(np.flatnonzero(v == value)) + 1 for value in original])


def correlations(x, y):
    pearson = float(np.corrcoef(x, y)[0, 1])
    return pearson, float(np.corrcoef(_ranks(x), _ranks(y))[0, 1])
