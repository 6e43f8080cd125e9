"""Exercise m04.best-split — the question a decision tree asks first.

A decision tree sorts rows with yes/no questions of the form "is feature j ≤ t?". At each node
it tries every feature and every threshold and keeps the question whose two answers are the
purest. Write ``best_split`` that finds that question for one node.

Purity is the **Gini impurity** of a group of rows: the chance that two rows drawn at random
from the group (with replacement) have different labels — 0 for a pure group. A split's
**gain** is the node's impurity minus the impurity of its two children, each child counting
in proportion to its number of rows.

The contract:

* ``X`` (n_samples, n_features) floats; ``y`` (n_samples,) integer class labels — any values,
  two classes or more (or a single one). Do not change the arrays.
* Rows with ``X[:, feature] <= threshold`` go left. The thresholds worth trying lie halfway
  between two neighbouring *distinct* values of a feature: a feature with one value (constant)
  offers none.
* Return ``(feature, threshold, gain)``: an int and two floats, for the largest gain.
* Ties: gains that differ by less than 1e-9 are equal (rounding); among equal gains the lowest
  feature index wins, then the lowest threshold.
* If no feature has two distinct values there is no split: return ``(-1, inf, 0.0)``
  (``float("inf")``).

Check it with ``aieng check m04.best-split``; stuck? ``aieng hint m04.best-split``.
"""

import numpy as np


def best_split(X: np.ndarray, y: np.ndarray) -> tuple[int, float, float]:
    # TODO: the impurity of the whole node
    # TODO: for each feature, the candidate thresholds, and each one's gain
    # TODO: the best (feature, threshold, gain), ties as stated; (-1, inf, 0.0) if none
    raise NotImplementedError("write best_split")
