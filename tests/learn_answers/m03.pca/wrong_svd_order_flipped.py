# mistake: the SVD already sorts largest first; reversing it as for eigh gives the smallest
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    _, s, vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    s, vt = s[::-1], vt[::-1]
    return vt[:n_components], (s[:n_components] ** 2) / (len(X) - 1)
