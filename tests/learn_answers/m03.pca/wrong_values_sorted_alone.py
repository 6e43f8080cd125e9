# mistake: sorts the eigenvalues but not their eigenvectors, so they no longer match
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    values = np.sort(values)[::-1]
    return vectors.T[:n_components], values[:n_components]
