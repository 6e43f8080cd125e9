# mistake: projects onto rows of the eigenvector matrix; the eigenvectors are its columns
# fails: axes matches the reference
import numpy as np


def _eig(C):
    values, vectors = np.linalg.eigh(C)
    return values[::-1], vectors[:, ::-1]


def pca_map(X):
    Xc = X - X.mean(axis=0)
    values, vectors = _eig(Xc.T @ Xc / (len(X) - 1))
    return (Xc @ vectors[:2].T).T, values / values.sum()
