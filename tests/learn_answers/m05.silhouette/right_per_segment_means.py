# right: a table of mean distances from every row to every segment, then a and b from it
import numpy as np


def mean_silhouette(X, labels):
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    segments = np.unique(labels)
    sums = np.stack([D[:, labels == s].sum(axis=1) for s in segments], axis=1)  # (n, k)
    sizes = np.array([(labels == s).sum() for s in segments])
    own = np.searchsorted(segments, labels)
    rows = np.arange(len(X))
    alone = sizes[own] == 1
    a = sums[rows, own] / np.maximum(sizes[own] - 1, 1)
    means = sums / sizes
    means[rows, own] = np.inf
    b = means.min(axis=1)
    s = np.where(alone, 0.0, (b - a) / np.maximum(a, b))
    return float(s.mean())
