# mistake: the covariance divided by n, not n - 1: every variance is (n - 1)/n too small
# fails: explained_variance matches the reference
import numpy as np


def principal_components(X, n_components):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / len(X))
    return vectors[:, ::-1][:, :n_components].T, values[::-1][:n_components]
