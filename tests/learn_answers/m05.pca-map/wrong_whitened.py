# mistake: divides each coordinate by the component's standard deviation (whitening)
# fails: axes matches the reference
import numpy as np


def _eig(C):
    values, vectors = np.linalg.eigh(C)
    return values[::-1], vectors[:, ::-1]


def pca_map(X):
    Xc = X - X.mean(axis=0)
    values, vectors = _eig(Xc.T @ Xc / (len(X) - 1))
    return (Xc @ vectors[:, :2] / np.sqrt(values[:2])).T, values / values.sum()
