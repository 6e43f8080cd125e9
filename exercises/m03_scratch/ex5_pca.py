"""Exercise m03.pca — principal components are eigenvectors of the covariance matrix.

Write ``principal_components(X, n_components)`` returning ``(components, explained_variance)``:

* center X (subtract each column's mean) and form the covariance matrix
  ``C = Xcᵀ Xc / (n_samples - 1)``, shape (n_features, n_features);
* its eigenvectors are the principal directions and its eigenvalues the variance along each;
* keep the ``n_components`` with the largest eigenvalues, largest first.

``components`` is a float array (n_components, n_features) whose *rows* are unit eigenvectors
(an eigenvector's sign is arbitrary: the grader accepts either); ``explained_variance`` is a
float array (n_components,) of the matching eigenvalues. ``X`` is (n_samples, n_features);
do not change it.

Hint: ``np.linalg.eigh`` is made for symmetric matrices like C — it returns eigenvalues in
*ascending* order and the eigenvectors as *columns*. Check with ``aieng check m03.pca``.
"""

import numpy as np


def principal_components(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    # TODO: center X and form the covariance matrix
    # TODO: eigenvalues and eigenvectors (np.linalg.eigh), sorted largest first
    # TODO: the top n_components as rows, and their eigenvalues
    raise NotImplementedError("write principal_components")
