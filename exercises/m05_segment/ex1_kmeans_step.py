"""Exercise m05.kmeans-step — one iteration of K-Means (Lloyd's algorithm).

K-Means alternates two steps until the centres stop moving. Write one round of both:

1. **assign**: each row of ``X`` (n_samples, n_features) goes to the nearest of the k centres
   ``centers`` (k, n_features), by Euclidean distance;
2. **update**: each centre moves to the mean of the rows assigned to it.

Return ``new_centers``, a float array of shape (k, n_features): row j is the new position of
centre j (keep the order). Every cluster gets at least one row here (each centre starts on a
data row). Do not change X or centers.

Hint: the distances from every row to every centre at once, with broadcasting:
``X[:, None, :] - centers[None, :, :]`` has shape (n_samples, k, n_features).

Check it with ``aieng check m05.kmeans-step``.
"""

import numpy as np


def kmeans_step(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # TODO: squared distances (n_samples, k), the nearest centre of each row
    # TODO: the mean of each cluster's rows, in the order of the centres
    raise NotImplementedError("write kmeans_step")
