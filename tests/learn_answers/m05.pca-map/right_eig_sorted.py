# right: np.cov and eigh, sorted with argsort, then a projection onto the top two
import numpy as np


def pca_map(X):
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(centred, rowvar=False))
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    return vectors[:, :2].T @ centred.T, values / values.sum()
