# mistake: takes midpoints of every pair of neighbouring sorted values, equal ones included, so a
# "threshold" can sit on a value (between two equal values) and win the tie
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
        values = np.sort(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            if left.all():
                continue
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_gain is None or gain > best_gain + 1e-9:
                best, best_gain = (j, float(t), float(gain)), gain
    return best
