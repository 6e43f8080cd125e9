# mistake: runs assign-then-update twice: one step was asked
# fails: new_centers matches the reference
import numpy as np


def kmeans_step(X, centers):
    for _ in range(2):
        labels = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
        centers = np.vstack([X[labels == j].mean(axis=0) for j in range(len(centers))])
    return centers
