# mistake: returns the children's weighted impurity (what is left) instead of the gain (what the
# split removes); the chosen split is right
# fails: gain matches the reference
import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    return 1.0 - float(np.sum((counts / len(labels)) ** 2))


def best_split(X, y):
    n = len(y)
    best, best_child = (-1, float("inf"), 0.0), None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            child = (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_child is None or child < best_child - 1e-9:
                best, best_child = (j, float(t), float(child)), child
    return best
