# mistake: >= when comparing gains, so the last of equal splits wins instead of the first
# fails: feature matches the reference
import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return 1.0 - float(np.sum((counts / len(labels)) ** 2))


def best_split(X, y):
    n = len(y)
    best, best_gain = (-1, float("inf"), 0.0), -1.0
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if gain >= best_gain:
                best, best_gain = (j, float(t), float(gain)), gain
    return best
