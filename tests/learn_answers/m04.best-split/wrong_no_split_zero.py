# mistake: when no feature can be split, returns feature 0 and threshold 0 instead of (-1, inf, 0.0)
# fails: feature matches the reference
import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return 1.0 - float(np.sum((counts / len(labels)) ** 2))


def best_split(X, y):
    n = len(y)
    best, best_gain = (0, 0.0, 0.0), None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_gain is None or gain > best_gain + 1e-9:
                best, best_gain = (j, float(t), float(gain)), gain
    return best
