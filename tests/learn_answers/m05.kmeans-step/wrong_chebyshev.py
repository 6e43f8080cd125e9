# mistake: the largest coordinate difference (Chebyshev distance), not the Euclidean distance
# fails: new_centers matches the reference
import numpy as np


def kmeans_step(X, centers):
    labels = np.abs(X[:, None, :] - centers[None]).max(axis=2).argmin(axis=1)
    return np.vstack([X[labels == j].mean(axis=0) for j in range(len(centers))])
