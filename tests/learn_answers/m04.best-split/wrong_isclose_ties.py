# mistake: decides ties with np.isclose's defaults (rtol 1e-5), so a gain better by 3e-8 counts
# as equal and the earlier, worse split is kept
# fails: feature matches the reference
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
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            gain = gini(y) - (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best_gain is None or (gain > best_gain and not np.isclose(gain, best_gain)):
                best, best_gain = (j, float(t), float(gain)), gain
    return best
