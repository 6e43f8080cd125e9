"""Exercise m05.choose-k — how many segments: the elbow, then the silhouette with a tie rule.

K-Means was fitted for each k in ``ks`` (increasing consecutive integers, shape (n_k,)), giving
its ``inertia`` (n_k,), decreasing, and mean ``silhouette`` (n_k,). Return ``(elbow_k, best_k)``
as two ints:

* **elbow_k** — the inertia always falls as k grows; the elbow is where it stops falling fast:
  the k whose point lies furthest below the straight line (the chord) from the first point
  ``(ks[0], inertia[0])`` to the last. The first such k if several are equally far; with
  fewer than 3 values of k, ``ks[0]``.
* **best_k** — the best silhouette wins, but silhouettes within ``tolerance`` of the best
  (``silhouette ≥ max − tolerance``, exactly: on the boundary is a tie, any lower is not) are a
  tie; among the tied k, the one nearest elbow_k wins, and the smaller k if two are as near.

``tolerance`` ≥ 0 is a float. Do not change the arrays.
Check it with ``aieng check m05.choose-k``.
"""

import numpy as np


def choose_k(
    ks: np.ndarray, inertia: np.ndarray, silhouette: np.ndarray, tolerance: float
) -> tuple[int, int]:
    # TODO: the elbow: how far each point lies below the chord
    # TODO: the tied k, and the one nearest the elbow
    raise NotImplementedError("write choose_k")
