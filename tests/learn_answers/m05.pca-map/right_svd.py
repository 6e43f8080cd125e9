# right: the SVD of the centred data: U·S are the coordinates, S² the variances
import numpy as np


def pca_map(X):
    Xc = X - X.mean(axis=0)
    U, s, _ = np.linalg.svd(Xc, full_matrices=False)
    variance = s**2
    ratio = np.zeros(X.shape[1])
    ratio[: len(s)] = variance / variance.sum()
    return (U[:, :2] * s[:2]).T, ratio
