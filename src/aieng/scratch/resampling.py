"""The resampling behind cross-validation and bagging, from scratch: k folds and the bootstrap.

The idea. A score on the rows a model was trained on flatters it; a score needs rows the model
has not seen. Two ways to get them out of one table:

* **k-fold cross-validation** cuts the rows into k folds; each fold is the test part once, while
  the model trains on the other k − 1. Every row is tested exactly once. With n = 10 and k = 3
  the folds hold 4, 3 and 3 rows: the first ``n % k`` folds get one row more. **Stratified**
  folds keep each class's share in every fold, so a 10 % class is not missing from a fold by
  bad luck: the labels, grouped by class, are dealt out to the folds like cards (round robin),
  and within a class the rows keep their order.
* **The bootstrap** (bagging: "bootstrap aggregating") trains each of B models on n rows drawn
  *with replacement*: some rows come twice or more, and each row is left out with probability
  ``(1 − 1/n)^n ≈ e^{-1} ≈ 36.8 %``. The rows a model never saw are its **out-of-bag** rows: the
  average prediction of the models that did not see a row is a free held-out estimate.

Checked in ``tests/code/test_scratch_month4.py``: the folds are identical to scikit-learn's
``KFold`` and ``StratifiedKFold`` (shuffle=False) and keep their properties (disjoint, covering,
each class within one row of its share); the out-of-bag predictions equal ``BaggingRegressor``'s
``oob_prediction_`` (within 1e-12), and the bootstrap keeps the properties of sampling with
replacement.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from aieng.scratch._common import Array, InputDataError, ParameterError, check_number

__all__ = [
    "OutOfBag",
    "bootstrap",
    "in_bag_counts",
    "kfold",
    "out_of_bag",
    "splits",
    "stratified_kfold",
]

IntArray = npt.NDArray[np.int64]


def _check_k(k: int, n: int) -> None:
    check_number("k", k, minimum=2, integer=True)
    if k > n:
        raise ParameterError(
            f"k={k} folds need at least {k} rows; got {n}",
            hint=f"use k ≤ {n} (k = n is leave-one-out)",
        )


def kfold(n: int, k: int) -> IntArray:
    """The test fold (0 … k−1) of each of ``n`` rows: k contiguous blocks, in row order.

    The first ``n % k`` folds hold ``n // k + 1`` rows, the others ``n // k`` (as ``KFold``).
    """
    _check_k(k, n)
    sizes = np.full(k, n // k)  # (k,)
    sizes[: n % k] += 1
    return np.repeat(np.arange(k), sizes)  # (n,)


def stratified_kfold(y: npt.ArrayLike, k: int) -> IntArray:
    """The test fold of each row of ``y`` (n,), so that each class is spread evenly over folds.

    The classes are numbered in the order they first appear in ``y``; the labels, sorted by that
    number, are dealt round robin (sorted position p goes to fold p mod k) — that decides how
    many rows of each class every fold gets, and each fold within one row of its share. Within a
    class, rows keep their order: its first rows go to the lowest fold it was dealt. Identical
    to ``StratifiedKFold(k)`` (no shuffle), which also refuses a ``y`` whose every class has
    fewer than k rows.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise InputDataError(
            f"y must be one label per row (n,); got shape {y.shape}", hint="pass a 1-D array"
        )
    n = len(y)
    _check_k(k, n)
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    # np.unique numbers classes by sorted label; renumber them by first appearance instead.
    codes = np.argsort(np.argsort(first))[inverse.ravel()]  # (n,)
    counts = np.bincount(codes)
    if counts.max() < k:
        raise InputDataError(
            f"every class has fewer rows than k={k} folds (largest class: {counts.max()} rows)",
            hint=f"use k ≤ {counts.max()}, or plain k-fold",
        )
    dealt = np.sort(codes)  # (n,) the labels grouped by class
    fold_of_position = np.arange(n) % k  # (n,) round robin, like dealing cards
    fold = np.empty(n, dtype=np.int64)
    for c in range(len(counts)):
        # This class's cards, in fold order: its rows (in order) fill fold after fold.
        fold[codes == c] = np.sort(fold_of_position[dealt == c])
    return fold


def splits(fold: IntArray, k: int) -> list[tuple[IntArray, IntArray]]:
    """``(train_rows, test_rows)`` for each fold, as scikit-learn's ``split`` yields them."""
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(k)]


def bootstrap(n: int, n_models: int, rng: np.random.Generator) -> IntArray:
    """Row indices of ``n_models`` bootstrap samples of ``n`` rows each: (n_models, n).

    Each row of the result is n draws from 0 … n−1 with replacement, independent of the others.
    """
    check_number("n", n, minimum=1, integer=True)
    check_number("n_models", n_models, minimum=1, integer=True)
    return rng.integers(0, n, size=(n_models, n))


def in_bag_counts(samples: IntArray, n: int) -> Array:
    """How many times each of ``n`` rows was drawn by each model: (n_models, n) floats.

    These are the sample weights a random forest trains each tree with (a row drawn twice
    weighs 2); a 0 is an out-of-bag row.
    """
    samples = np.asarray(samples)
    return np.stack([np.bincount(s, minlength=n) for s in samples]).astype(np.float64)


class OutOfBag(NamedTuple):
    weights: Array  # (n_models, n) in-bag counts
    prediction: Array  # (n,) mean over the models that did not see the row; 0 if all saw it
    mse: float  # mean squared error over the rows some model left out (nan if none)


def out_of_bag(samples: npt.ArrayLike, predictions: npt.ArrayLike, y: npt.ArrayLike) -> OutOfBag:
    """The out-of-bag estimate of a bag of regressors.

    ``samples`` (n_models, n): the rows each model was trained on (a bootstrap sample);
    ``predictions`` (n_models, n): each model's prediction for every row; ``y`` (n,) the target.
    A row every model saw has no out-of-bag prediction: it gets 0, as in scikit-learn's
    ``BaggingRegressor`` and ``RandomForestRegressor`` (which warn), and the error leaves it out
    (scikit-learn's ``oob_score_`` keeps it, scoring a prediction of 0).
    """
    samples, y = np.asarray(samples), np.asarray(y, dtype=np.float64)
    predictions = np.asarray(predictions, dtype=np.float64)
    if samples.ndim != 2 or predictions.shape != samples.shape or samples.shape[1] != len(y):
        raise InputDataError(
            f"samples and predictions must both be (n_models, n) with n = len(y) = {len(y)}; "
            f"got {samples.shape} and {predictions.shape}",
            hint="one bootstrap sample of n rows and one prediction per row for each model",
        )
    weights = in_bag_counts(samples, len(y))  # (n_models, n)
    unseen = weights == 0  # (n_models, n)
    n_unseen = unseen.sum(axis=0)  # (n,) how many models left each row out
    total = np.where(unseen, predictions, 0.0).sum(axis=0)  # (n,)
    prediction = total / np.maximum(n_unseen, 1)  # a row no model left out: 0 / 1
    held_out = n_unseen > 0
    errors = (y - prediction)[held_out]
    mse = float(errors @ errors / errors.size) if errors.size else float("nan")
    return OutOfBag(weights, prediction, mse)
