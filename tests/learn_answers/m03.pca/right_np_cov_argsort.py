# right: np.cov (n - 1 by default), eigh, then an argsort of the eigenvalues, largest first
import numpy as np


def principal_components(X, n_components):
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1][:n_components]
    return vectors[:, order].T.copy(), values[order]
