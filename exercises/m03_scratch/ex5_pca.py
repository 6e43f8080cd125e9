"""Exercise m03.pca — principal components are eigenvectors of the covariance matrix.

The first principal component of a data set is the unit direction along which its rows vary
most; each next one does the same among the directions orthogonal to those before. They are
the eigenvectors of the sample covariance matrix of the centred data (divided by
``n_samples - 1``), and each eigenvalue is the variance along its eigenvector.

Write ``principal_components(X, n_components)`` returning ``(components, explained_variance)``:

* ``components`` — a float array (n_components, n_features) whose *rows* are the unit
  eigenvectors with the largest eigenvalues, largest first (an eigenvector's sign is arbitrary:
  the grader accepts either);
* ``explained_variance`` — a float array (n_components,) of the matching eigenvalues.

``X`` is (n_samples, n_features), 1 ≤ n_components ≤ n_features; do not change X.
Check with ``aieng check m03.pca``.
"""

import numpy as np


def principal_components(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    # TODO: the covariance matrix of the centred data
    # TODO: its eigenvalues and eigenvectors, largest first
    # TODO: the top n_components as rows, and their eigenvalues
    raise NotImplementedError("write principal_components")
