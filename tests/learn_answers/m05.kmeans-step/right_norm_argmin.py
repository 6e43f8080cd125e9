# right: np.linalg.norm over the broadcast differences, argmin, then a mask per centre
import numpy as np


def kmeans_step(X, centers):
    distances = np.linalg.norm(X[:, np.newaxis, :] - centers[np.newaxis, :, :], axis=2)
    nearest = np.argmin(distances, axis=1)
    return np.array([X[nearest == j].mean(axis=0) for j in range(len(centers))])
