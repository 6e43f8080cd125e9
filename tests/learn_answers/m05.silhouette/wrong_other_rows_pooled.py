# mistake: b(i) is the mean distance to all rows of the other segments pooled, not the nearest one
# fails: silhouette matches the reference
import numpy as np


def mean_silhouette(X, labels):
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = D[i, ~same].mean()
        s[i] = (b - a) / max(a, b)
    return float(s.mean())
