# mistake: standardises every column first (a correlation PCA): another map, other shares
# fails: axes matches the reference
import numpy as np


def _eig(C):
    values, vectors = np.linalg.eigh(C)
    return values[::-1], vectors[:, ::-1]


def pca_map(X):
    Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    values, vectors = _eig(Z.T @ Z / (len(X) - 1))
    return (Z @ vectors[:, :2]).T, values / values.sum()
