# mistake: the L1 (Manhattan) distance, not the Euclidean one
# fails: new_centers matches the reference
import numpy as np


def kmeans_step(X, centers):
    labels = np.abs(X[:, None, :] - centers[None]).sum(axis=2).argmin(axis=1)
    return np.vstack([X[labels == j].mean(axis=0) for j in range(len(centers))])
