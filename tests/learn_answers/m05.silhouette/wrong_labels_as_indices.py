# mistake: assumes the labels are 0, 1, …, k-1 and looks for the other segments in range(max + 1)
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
        others = [
            D[i, labels == c].mean()
            for c in range(labels.max() + 1)
            if c != labels[i] and np.any(labels == c)
        ]
        b = min(others)
        s[i] = (b - a) / max(a, b)
    return float(s.mean())
