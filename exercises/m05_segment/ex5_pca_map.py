"""Exercise m05.pca-map — a 2-D map of the customers: project onto the first two components.

Segments live in as many dimensions as there are features; a person sees two. PCA (month 3,
m03.pca) finds the directions along which the rows of ``X`` (n_samples, n_features,
n_features ≥ 2) vary most; the map places every row by its coordinates along the first two.
Return ``(axes, explained_variance_ratio)``, both float arrays:

* ``axes`` (2, n_samples): row 0 holds every sample's coordinate along component 1, row 1
  along component 2, measured from the mean of the rows (so the map is
  ``plt.scatter(*axes)``). An eigenvector's sign is arbitrary, so each row of ``axes`` may
  come out negated;
* ``explained_variance_ratio`` (n_features,): the share of the total variance each component
  keeps, for every component, largest first (they sum to 1).

Do not change X. Check it with ``aieng check m05.pca-map``.
"""

import numpy as np


def pca_map(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # TODO: the principal components of X, largest variance first
    # TODO: the coordinates on the first two, shape (2, n_samples); the variance shares
    raise NotImplementedError("write pca_map")
