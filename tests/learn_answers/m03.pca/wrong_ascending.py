# mistake: takes eigh's first columns, which belong to the smallest eigenvalues
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vectors[:, :n_components].T, values[:n_components]
