"""Exercise m04.kfold — which rows each cross-validation fold tests on, plain and stratified.

k-fold cross-validation cuts n rows into k folds; each fold is the test part once while the
model trains on the others, so every row is scored exactly once by a model that never saw it.
Write ``assign_folds`` returning, for every row, the fold that tests it — two ways, exactly as
scikit-learn's ``KFold(k)`` and ``StratifiedKFold(k)`` do without shuffling:

* **plain**: k contiguous blocks of rows, in row order. When k does not divide n, the first
  ``n % k`` folds hold one row more than the others.
* **stratified**: every fold keeps each class's share of the rows, within one row. Deal the
  labels out like cards: put the labels in a row, grouped by class — classes in the order they
  first appear in ``y`` — and deal them round robin, one to each fold in turn. That decides how
  many rows of each class every fold receives. Then each class's rows, in their order in
  ``y``, fill the places that class was dealt, lowest fold first.

``y`` (n,) integer class labels (any values); ``k`` an int, 2 ≤ k ≤ n, and at least one class
has k rows or more (scikit-learn's rule). Return ``(fold, stratified_fold)``, two float arrays
of shape (n,) holding fold numbers 0 … k−1 (``np.zeros(n)`` is a float array to fill). Do not
change ``y``.

Check it with ``aieng check m04.kfold``; stuck? ``aieng hint m04.kfold``.
"""

import numpy as np


def assign_folds(y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # TODO: plain folds: how many rows each fold holds, then the blocks
    # TODO: stratified: number the classes by first appearance, deal them to the folds
    # TODO: inside each class, its rows (in order) fill the folds it was dealt
    raise NotImplementedError("write assign_folds")
