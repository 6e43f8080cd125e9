"""Exercise m05.pca-map — a 2-D map of the customers: project onto the first two components.

Segments live in as many dimensions as there are features; a person sees two. PCA finds the
directions along which the rows of ``X`` (n_samples, n_features, n_features ≥ 2) vary most:

1. centre the columns: ``Xc = X - X.mean(axis=0)``;
2. the covariance matrix ``C = Xcᵀ Xc / (n - 1)`` (n_features, n_features), its eigenvalues
   and eigenvectors, sorted by eigenvalue, largest first;
3. ``axes`` = the coordinates of every row on the first two eigenvectors, as an array of shape
   (2, n_samples): row 0 holds every sample's position on component 1, row 1 on component 2
   (so the map is ``plt.scatter(*axes)``). An eigenvector's sign is arbitrary, so each row of
   ``axes`` may come out negated;
4. ``explained_variance_ratio`` (n_features,): each eigenvalue divided by their sum, largest
   first — the share of the variance each component keeps.

Return ``(axes, explained_variance_ratio)``, both float arrays. Do not change X.

Check it with ``aieng check m05.pca-map``.
"""

import numpy as np


def pca_map(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # TODO: centre the columns; the covariance matrix; np.linalg.eigh, largest first
    # TODO: project on the first two eigenvectors, shape (2, n_samples); the variance shares
    raise NotImplementedError("write pca_map")
