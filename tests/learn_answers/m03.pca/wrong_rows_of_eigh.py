# mistake: takes rows of eigh's vector matrix; the eigenvectors are its columns
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vectors[::-1][:n_components], values[::-1][:n_components]
