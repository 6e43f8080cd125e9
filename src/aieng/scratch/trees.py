"""How a decision tree chooses a question, and one step of gradient boosting, from scratch.

The idea. A decision tree asks one question per node: "is feature j ≤ t?". It is grown greedily:
at each node it tries every feature and every threshold and keeps the question whose two answers
are the purest. "Purest" is measured two ways here:

* for classes, the **Gini impurity** ``G = 1 − Σ_c p_c²`` of a node whose rows are a share
  ``p_c`` of class c: the chance that two rows drawn at random from the node (with replacement)
  disagree. A split's **gain** is the parent's impurity minus its children's, each child weighted
  by its share of the rows — a tiny pure child must not count as much as a big mixed one;
* for numbers, the **sum of squared errors** of each side around its own mean (the prediction a
  leaf makes).

Only a threshold between two neighbouring *distinct* values changes which rows go left, so those
are the candidates, and the threshold is put halfway between the two values (scikit-learn's
choice): a new row that falls in the gap goes to the side of the value it is nearer to.

**Gradient boosting** adds small trees one at a time. It starts from the mean of ``y``; each step
fits a tree to the *residuals* ``y − F`` — for the squared error ``½(y − F)²`` they are exactly
the negative gradient with respect to the current predictions ``F`` — and adds a shrunken copy:
``F ← F + learning_rate · tree(x)``. Each tree corrects what the trees before it still get wrong.

Checked against scikit-learn in ``tests/code/test_scratch_month4.py``: the split and its gain
against a depth-1 ``DecisionTreeClassifier`` (gain within 1e-12), the boosting steps against
``GradientBoostingRegressor(max_depth=1)``'s staged predictions (within 1e-12 relative).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from aieng.scratch._common import Array, InputDataError

__all__ = [
    "Boosted",
    "BoostingStep",
    "Split",
    "Stump",
    "best_split",
    "boost",
    "boosting_step",
    "candidate_thresholds",
    "fit_stump",
    "gini",
]

# Gini gains are at most 1 and computed to about 1e-16; two splits whose gains differ by less
# than this are the same question asked two ways (a tie), not a better one. Distinct gains of
# nodes under a few hundred rows differ by far more (1e-7 and up), so no real gain is lost.
TIE_GAIN = 1e-9
# The same for squared errors, relative to the residuals' Σ r² (their scale).
TIE_SSE = 1e-9

IntArray = npt.NDArray[np.int64]


class Split(NamedTuple):
    """The best question at a node: rows with ``X[:, feature] <= threshold`` go left."""

    feature: int  # -1 when no feature takes two distinct values (no question splits the node)
    threshold: float  # midpoint between two neighbouring distinct values; inf when no split
    gain: float  # Gini(parent) − weighted Gini(children), ≥ 0 up to rounding


class Stump(NamedTuple):
    """A regression tree of depth 1: one threshold, one value per side."""

    threshold: float  # x <= threshold goes left; inf when x was constant (one leaf)
    left: float  # the value predicted on the left: the mean target of its rows
    right: float  # on the right (equal to ``left`` when there is no split)

    def predict(self, x: Array) -> Array:
        """The stump's value for each of ``x`` (n,)."""
        return np.where(np.asarray(x, dtype=np.float64) <= self.threshold, self.left, self.right)


class BoostingStep(NamedTuple):
    stump: Stump  # the tree fitted to the residuals y − F
    prediction: Array  # (n,) F + learning_rate · stump(x)


class Boosted(NamedTuple):
    """A boosted model of stumps: ``init + learning_rate · Σ stump(x)``."""

    init: float  # the first prediction: the mean of y (it minimises the squared error)
    learning_rate: float
    stumps: tuple[Stump, ...]

    def predict(self, x: Array) -> Array:
        F = np.full(np.shape(x), self.init)  # (n,)
        for stump in self.stumps:  # in order, as they were fitted (and as sklearn adds them)
            F = F + self.learning_rate * stump.predict(x)
        return F


def gini(counts: Array) -> Array:
    """Gini impurity of class counts ``counts`` (..., n_classes) → (...); an empty node is 0."""
    counts = np.asarray(counts, dtype=np.float64)
    n = counts.sum(axis=-1, keepdims=True)  # (..., 1)
    p = np.divide(counts, n, out=np.zeros_like(counts), where=n > 0)  # (..., n_classes)
    return np.where(n[..., 0] > 0, 1.0 - np.sum(p * p, axis=-1), 0.0)


def candidate_thresholds(x: Array) -> tuple[IntArray, IntArray, Array]:
    """Every useful threshold on one feature ``x`` (n,), in increasing order.

    Returns ``(order, n_left, thresholds)``: ``order`` sorts ``x``; the threshold
    ``thresholds[i]`` sends the first ``n_left[i]`` sorted rows left. A constant ``x`` has none.
    """
    order = np.argsort(x, kind="stable")  # (n,)
    xs = x[order]
    n_left = np.flatnonzero(xs[1:] > xs[:-1]) + 1  # (n_cuts,) a cut between distinct values
    low, high = xs[n_left - 1], xs[n_left]
    # Halves first, as scikit-learn does: (low + high) / 2 overflows to inf near 1.8e308. Two
    # adjacent floats have no float between them: the midpoint rounds to `high`, which would
    # send `high` left, so the threshold falls back to `low`.
    thresholds = low / 2.0 + high / 2.0
    thresholds = np.where(thresholds >= high, low, thresholds)
    return order, n_left.astype(np.int64), thresholds


def _check_xy(X: Array, y: npt.ArrayLike) -> None:
    if X.ndim != 2 or np.ndim(y) != 1 or X.shape[0] != np.shape(y)[0] or X.shape[0] == 0:
        raise InputDataError(
            f"X must be (n_samples, n_features) and y (n_samples,) with n_samples ≥ 1; got X "
            f"of shape {X.shape} and y of shape {np.shape(y)}",
            hint="pass one row of X per label in y",
        )
    if not np.isfinite(X).all():
        raise InputDataError(
            "X holds NaN or infinite values", hint="impute or drop them before splitting"
        )


def best_split(X: npt.ArrayLike, y: npt.ArrayLike) -> Split:
    """The question ``X[:, feature] <= threshold`` with the largest Gini gain.

    ``X`` (n_samples, n_features) numbers, ``y`` (n_samples,) class labels (any values). Splits
    whose gains are within ``TIE_GAIN`` are tied: the lowest feature, then the lowest threshold
    wins (scikit-learn breaks ties by a random feature order instead). A node whose features
    are all constant has no split: ``Split(-1, inf, 0.0)``. A pure node still gets its first
    split, at gain 0 (scikit-learn stops there and makes a leaf).
    """
    X = np.asarray(X, dtype=np.float64)
    _check_xy(X, y)
    _, codes = np.unique(np.asarray(y), return_inverse=True)
    onehot = np.eye(int(codes.max()) + 1)[codes.ravel()]  # (n, n_classes): one count per row
    total = onehot.sum(axis=0)  # (n_classes,)
    n = X.shape[0]
    parent = float(gini(total))
    features, thresholds, gains = [], [], []
    for j in range(X.shape[1]):
        order, n_left, cuts = candidate_thresholds(X[:, j])
        # The class counts left of every cut at once: running counts along the sorted rows.
        left = np.cumsum(onehot[order], axis=0)[n_left - 1]  # (n_cuts, n_classes)
        right = total - left
        children = (n_left * gini(left) + (n - n_left) * gini(right)) / n  # (n_cuts,)
        features += [j] * len(cuts)
        thresholds.append(cuts)
        gains.append(parent - children)
    if not features:
        return Split(-1, float("inf"), 0.0)
    gain = np.concatenate(gains)  # in feature order, then threshold order
    first = int(np.argmax(gain >= gain.max() - TIE_GAIN))  # argmax of booleans: the first True
    return Split(features[first], float(np.concatenate(thresholds)[first]), float(gain[first]))


def fit_stump(x: npt.ArrayLike, r: npt.ArrayLike) -> Stump:
    """The depth-1 regression tree on one feature ``x`` (n,) with the least squared error on ``r``.

    Ties (squared errors within ``TIE_SSE · Σ r²``) go to the lowest threshold. A constant
    ``x`` has no split: one leaf predicting the mean of ``r``, threshold inf.
    """
    x, r = np.asarray(x, dtype=np.float64), np.asarray(r, dtype=np.float64)
    _check_xy(x[:, None], r)
    order, n_left, cuts = candidate_thresholds(x)
    total, n = float(r.sum()), len(r)
    if len(cuts) == 0:
        return Stump(float("inf"), total / n, total / n)
    s_left = np.cumsum(r[order])[n_left - 1]  # (n_cuts,) sum of r on the left of each cut
    s_right = total - s_left
    n_right = n - n_left
    # SSE(left) + SSE(right) = Σ r² − (s_L²/n_L + s_R²/n_R): the larger this score, the smaller
    # the error; Σ r² is the same for every cut, so only the score is compared.
    score = s_left**2 / n_left + s_right**2 / n_right  # (n_cuts,)
    best = int(np.argmax(score >= score.max() - TIE_SSE * float(r @ r)))
    return Stump(
        float(cuts[best]), float(s_left[best] / n_left[best]), float(s_right[best] / n_right[best])
    )


def boosting_step(
    x: npt.ArrayLike, y: npt.ArrayLike, F: npt.ArrayLike, learning_rate: float
) -> BoostingStep:
    """One step of gradient boosting for the squared error, on one feature ``x`` (n,).

    ``F`` (n,) are the current predictions. The stump is fitted to the residuals ``y − F`` (the
    negative gradient of ``½(y − F)²``), and the new predictions are
    ``F + learning_rate · stump(x)``. The first step starts from ``F = mean(y)``.
    """
    y, F = np.asarray(y, dtype=np.float64), np.asarray(F, dtype=np.float64)
    stump = fit_stump(x, y - F)
    return BoostingStep(stump, F + learning_rate * stump.predict(np.asarray(x)))


def boost(x: npt.ArrayLike, y: npt.ArrayLike, *, n_steps: int, learning_rate: float) -> Boosted:
    """``n_steps`` boosting steps from the mean of ``y``: the whole algorithm, for stumps."""
    y = np.asarray(y, dtype=np.float64)
    init = float(y.mean())
    F = np.full(len(y), init)  # (n,)
    stumps = []
    for _ in range(n_steps):
        step = boosting_step(x, y, F, learning_rate)
        stumps.append(step.stump)
        F = step.prediction
    return Boosted(init, learning_rate, tuple(stumps))
