"""Exercise m05.choose-k — how many segments: the elbow, then the silhouette with a tie rule.

K-Means was fitted for each k in ``ks`` (increasing consecutive integers, shape (n_k,)), giving
its ``inertia`` (n_k,), decreasing, and mean ``silhouette`` (n_k,). Return ``(elbow_k, best_k)``
as two ints:

* **elbow_k** — rescale both axes to [0, 1]: ``x = (ks − ks[0]) / (ks[-1] − ks[0])`` and
  ``y = (inertia − inertia[-1]) / (inertia[0] − inertia[-1])``. The curve runs from (0, 1) to
  (1, 0); the elbow is the k furthest below that chord, the largest ``(1 − x) − y`` (the first
  if equal). With fewer than 3 values of k, elbow_k is ``ks[0]``.
* **best_k** — the silhouettes within ``tolerance`` of the best (``≥ max − tolerance``) are a
  tie; among the tied k, the one nearest elbow_k wins (the smaller k if two are as near).

Do not change the arrays. Check it with ``aieng check m05.choose-k``.
"""

import numpy as np


def choose_k(
    ks: np.ndarray, inertia: np.ndarray, silhouette: np.ndarray, tolerance: float
) -> tuple[int, int]:
    # TODO: the elbow (kneedle): both axes to [0, 1], the k furthest below the chord
    # TODO: the tied k by silhouette, and the one nearest the elbow
    raise NotImplementedError("write choose_k")
