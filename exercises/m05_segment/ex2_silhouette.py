"""Exercise m05.silhouette — how well each row sits in its segment, averaged.

For each row i of ``X`` (n_samples, n_features) with segment ``labels[i]`` (integers):

    a(i) = mean Euclidean distance from i to the *other* rows of its own segment
    b(i) = the smallest, over the other segments, of the mean distance from i to their rows
    s(i) = (b(i) − a(i)) / max(a(i), b(i))              and s(i) = 0 if i is alone in its segment

Return the mean of s over all rows, one float between -1 (rows closer to another segment than to
their own) and 1 (tight, well-separated segments). There are at least 2 segments and fewer
segments than rows. Do not change the arrays.

Check it with ``aieng check m05.silhouette``.
"""

import numpy as np


def mean_silhouette(X: np.ndarray, labels: np.ndarray) -> float:
    # TODO: all pairwise distances (n_samples, n_samples)
    # TODO: a, b and s for every row; 0 for a row alone in its segment; the mean
    raise NotImplementedError("write mean_silhouette")
