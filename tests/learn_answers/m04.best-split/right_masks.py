# right: tries every midpoint with boolean masks and counts classes with np.unique (no running sums)
from itertools import pairwise

import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    p = counts / len(labels)
    return 1.0 - float(np.sum(p**2))


def best_split(X, y):
    n, n_features = X.shape
    parent = gini(y)
    best = (-1, float("inf"), 0.0)
    best_gain = None
    for j in range(n_features):
        values = np.unique(X[:, j])  # sorted, distinct
        for low, high in pairwise(values):
            t = (low + high) / 2
            left = X[:, j] <= t
            children = (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            gain = parent - children
            if best_gain is None or gain > best_gain + 1e-9:  # equal gains keep the earlier one
                best, best_gain = (j, float(t), float(gain)), gain
    return best
