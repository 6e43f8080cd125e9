# mistake: scales every column to variance 1 first (the correlation matrix): another PCA
# fails: components matches the reference
import numpy as np


def principal_components(X, n_components):
    values, vectors = np.linalg.eigh(np.corrcoef(X, rowvar=False))
    return vectors[:, ::-1][:, :n_components].T, values[::-1][:n_components]
