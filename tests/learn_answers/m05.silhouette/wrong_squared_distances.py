# mistake: squared Euclidean distances (as K-Means' inertia uses), not distances
# fails: silhouette matches the reference
import numpy as np


def mean_silhouette(X, labels):
    D = ((X[:, None] - X[None]) ** 2).sum(-1)
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in set(labels.tolist()) - {labels[i]})
        s[i] = (b - a) / max(a, b)
    return float(s.mean())
