# mistake: clusters numbered in the order their first row appears, not by their centre
# fails: new_centers matches the reference
import numpy as np


def kmeans_step(X, centers):
    labels = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
    groups = {}
    for row, label in zip(X, labels, strict=True):
        groups.setdefault(int(label), []).append(row)
    return np.array([np.mean(rows, axis=0) for rows in groups.values()])
