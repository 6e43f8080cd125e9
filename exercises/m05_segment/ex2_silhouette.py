"""Exercise m05.silhouette — how well each row sits in its segment, averaged.

A row sits well in its segment when it is closer to its own segment than to any other. For
each row i of ``X`` (n_samples, n_features), with segment ``labels[i]``:

* a(i) — the mean Euclidean distance from i to the *other* rows of its own segment;
* b(i) — the mean distance from i to the rows of the nearest other segment (the smallest such
  mean over the other segments);
* s(i) = (b(i) − a(i)) / max(a(i), b(i)), from -1 to 1; a row alone in its segment has no
  a(i), and s(i) = 0 by convention.

Return the mean of s over all rows, one float. ``labels`` (n_samples,) are integers that name
the segments — any integers (7, -1 and 3 are three segments), not necessarily 0 … k-1. There
are at least 2 segments and fewer segments than rows. Do not change the arrays.

Check it with ``aieng check m05.silhouette``.
"""

import numpy as np


def mean_silhouette(X: np.ndarray, labels: np.ndarray) -> float:
    # TODO: the distances between rows
    # TODO: a, b and s for every row; the mean
    raise NotImplementedError("write mean_silhouette")
