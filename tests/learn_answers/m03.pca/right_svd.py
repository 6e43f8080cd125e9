# right: the SVD of the centred data: its right singular vectors are the components
import numpy as np


def principal_components(X, n_components):
    Xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    return vt[:n_components], (s[:n_components] ** 2) / (len(X) - 1)
