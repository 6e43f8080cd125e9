"""Exercise m05.kmeans-step — one iteration of K-Means (Lloyd's algorithm).

K-Means alternates two steps until the centres stop moving. Write one round of both:

1. **assign**: each row of ``X`` (n_samples, n_features) joins the nearest of the k centres
   ``centers`` (k, n_features), by Euclidean distance. A row exactly as near to several
   centres joins the first of them, in the order of ``centers``;
2. **update**: each centre moves to the mean of the rows that joined it.

Return ``new_centers``, a float array of shape (k, n_features): row j is the new position of
centre j (keep the order). Every centre gets at least one row here (each starts on a data row,
and no two start on the same one). Do not change X or centers.

Check it with ``aieng check m05.kmeans-step``.
"""

import numpy as np


def kmeans_step(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # TODO: the nearest centre of every row
    # TODO: the mean of each centre's rows, in the order of the centres
    raise NotImplementedError("write kmeans_step")
