# mistake: XᵀX / (n - 1) on the raw data: without centring, the mean becomes the first "component"
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    values, vectors = np.linalg.eigh(X.T @ X / (len(X) - 1))
    return vectors[:, ::-1][:, :n_components].T, values[::-1][:n_components]
