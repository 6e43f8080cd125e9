# mistake: Gini as 2p(1 − p) with p = mean(y): right only for two classes labelled 0 and 1
import numpy as np


def gini(labels):
    if len(labels) == 0:
        return 0.0
    p = np.mean(labels)
    return 2 * p * (1 - p)


def best_split(X, y):
    n = len(y)
    best, best_gain = (-1, float("inf"), 0.0), None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_gain is None or gain > best_gain + 1e-9:
                best, best_gain = (j, float(t), float(gain)), gain
    return best
