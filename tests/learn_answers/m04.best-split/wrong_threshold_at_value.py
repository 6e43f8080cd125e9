# mistake: uses the feature's values themselves as thresholds (x <= v) instead of the midpoints
# fails: threshold matches the reference
import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return 1.0 - float(np.sum((counts / len(labels)) ** 2))


def best_split(X, y):
    n = len(y)
    best, best_gain = (-1, float("inf"), 0.0), None
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            left = X[:, j] <= t
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_gain is None or gain > best_gain + 1e-9:
                best, best_gain = (j, float(t), float(gain)), gain
    return best
