"""Month 4's from-scratch lessons against scikit-learn: a tree's split, boosting, folds, bagging.

``aieng.scratch.trees`` and ``aieng.scratch.resampling`` are the references of the month-4
exercises m04.best-split, m04.boosting-step, m04.kfold and m04.bootstrap, so each is held to
scikit-learn with a stated tolerance here, and to the properties its docstring promises.

scikit-learn's trees store X as float32, so the data here is float32-representable (halves,
quarters, or normals cast through float32): the thresholds can then be compared exactly.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.ensemble import BaggingRegressor, GradientBoostingRegressor
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from aieng.errors import DataError, UsageError
from aieng.scratch import resampling, trees

SEEDS = range(40)


# ── the best split ────────────────────────────────────────────────────────────────────────────


def _every_split(X: np.ndarray, y: np.ndarray) -> list[tuple[int, float, float]]:
    """(feature, threshold, gain) of every candidate split, by brute force with masks."""
    labels = np.unique(y)

    def impurity(part: np.ndarray) -> float:
        return 1.0 - sum((np.mean(part == c)) ** 2 for c in labels) if part.size else 0.0

    found = []
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for low, high in itertools.pairwise(values):
            t = (low + high) / 2
            left, right = y[X[:, j] <= t], y[X[:, j] > t]
            child = (left.size * impurity(left) + right.size * impurity(right)) / y.size
            found.append((j, t, impurity(y) - child))
    return found


def _sklearn_split(X: np.ndarray, y: np.ndarray) -> tuple[int, float, float] | None:
    tree = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).tree_
    if tree.node_count == 1:
        return None
    n = tree.n_node_samples
    gain = tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
    return int(tree.feature[0]), float(tree.threshold[0]), float(gain)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_best_split_is_sklearns_depth_1_tree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(5, 60)), int(rng.integers(1, 5))
    X = rng.normal(size=(n, p)).astype(np.float32).astype(np.float64)  # no ties in X
    y = rng.integers(0, 3, size=n)
    y[:2] = (0, 1)  # never a pure node (sklearn would not split it)
    split = trees.best_split(X, y)
    expected = _sklearn_split(X, y)
    assert expected is not None
    gains = sorted(g for *_, g in _every_split(X, y))
    assert split.gain == pytest.approx(expected[2], abs=1e-12)
    if len(gains) < 2 or gains[-1] - gains[-2] > 1e-9:  # a unique best: the same question
        assert (split.feature, split.threshold) == expected[:2]


@pytest.mark.parametrize("seed", SEEDS)
def test_on_coarse_data_ties_go_to_the_lowest_feature_then_threshold(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(2, 40)), int(rng.integers(1, 5))
    X = rng.integers(-4, 5, size=(n, p)) / 2.0  # many equal values and equal gains
    y = rng.choice([2, 5, 9], size=n)
    every = _every_split(X, y)
    split = trees.best_split(X, y)
    best = max(g for *_, g in every)
    first = next(s for s in every if s[2] >= best - 1e-9)  # brute force lists them in order
    assert split.feature == first[0]
    assert split.threshold == first[1]
    assert split.gain == pytest.approx(first[2], abs=1e-12)
    expected = _sklearn_split(X, y)
    if expected is not None:  # sklearn breaks ties its own way, but finds the same gain
        assert split.gain == pytest.approx(expected[2], abs=1e-12)


def test_the_split_rules_the_exercise_states() -> None:
    same = np.array([[10.0, 1.0], [20.0, 2.0], [30.0, 3.0], [40.0, 4.0]])
    assert trees.best_split(same, np.array([0, 0, 1, 1])) == (0, 25.0, 0.5)  # lower feature
    mirror = np.arange(1.0, 7.0)[:, None]
    assert trees.best_split(mirror, np.array([0, 1, 1, 1, 1, 0])).threshold == 1.5  # lower t
    gaps = np.array([[1.0], [1.0], [4.0], [4.0], [4.0], [9.0]])
    assert trees.best_split(gaps, np.array([0, 0, 1, 1, 1, 1])).threshold == 2.5  # midpoint
    constant = np.column_stack([np.full(4, 7.0), [1.0, 2.0, 3.0, 4.0]])
    assert trees.best_split(constant, np.array([0, 0, 1, 1])).feature == 1
    assert trees.best_split(np.full((3, 2), 5.0), np.array([0, 1, 0])) == (-1, np.inf, 0.0)
    assert trees.gini(np.array([[5, 5], [0, 0], [3, 0]])) == pytest.approx([0.5, 0.0, 0.0])


def test_a_midpoint_never_lands_on_the_upper_value() -> None:
    low = 1.0
    high = np.nextafter(low, 2.0)  # no float between them: (low + high) / 2 rounds to high
    _, _, cuts = trees.candidate_thresholds(np.array([low, high]))
    assert cuts[0] == low  # so x <= threshold still sends `high` right
    _, _, big = trees.candidate_thresholds(np.array([1.7e308, 1.79e308]))
    assert np.isfinite(big[0])  # halves first: the sum would overflow


def test_bad_inputs_say_what_was_received() -> None:
    with pytest.raises(DataError, match=r"shape \(3,\)"):
        trees.best_split(np.array([1.0, 2.0, 3.0]), np.array([0, 1, 0]))
    with pytest.raises(ValueError, match="NaN"):
        trees.best_split(np.array([[np.nan], [1.0]]), np.array([0, 1]))


# ── one boosting step ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("seed", SEEDS)
def test_boosting_steps_are_sklearns_staged_predictions(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 50))
    x = rng.integers(-20, 21, size=n) / 4.0  # quarters: duplicates, float32-exact
    y = rng.normal(size=n) * 3 + x
    x_new = np.arange(-44, 45) / 8.0  # eighths: every midpoint of two quarters is among them
    rate = float(rng.choice([0.1, 0.5, 1.0]))
    model = trees.boost(x, y, n_steps=4, learning_rate=rate)
    sk = GradientBoostingRegressor(n_estimators=4, max_depth=1, learning_rate=rate).fit(
        x[:, None], y
    )
    stages = list(sk.staged_predict(x_new[:, None]))
    for m, expected in enumerate(stages, 1):
        ours = trees.Boosted(model.init, rate, model.stumps[:m]).predict(x_new)
        assert_allclose(ours, expected, rtol=1e-12, atol=1e-12 * np.abs(y).max())


def test_a_step_fits_the_residuals_and_lowers_the_error_by_the_stumps_reduction() -> None:
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=30), rng.normal(size=30)
    F = rng.normal(size=30)  # any current predictions, not only the mean
    step = trees.boosting_step(x, y, F, learning_rate=1.0)
    r = y - F
    assert step.stump == trees.fit_stump(x, r)  # the tree sees the residuals, never y itself
    after = y - step.prediction
    reduction = r @ r - after @ after
    best = max(  # the largest reduction of the squared error over every threshold, by brute force
        r @ r - sum(((r[m] - r[m].mean()) ** 2).sum() for m in (x <= t, x > t))
        for t in np.sort(x)[:-1] + np.diff(np.sort(x)) / 2
    )
    assert reduction == pytest.approx(best, rel=1e-12)
    half = trees.boosting_step(x, y, F, learning_rate=0.5).prediction
    assert_allclose(half - F, (step.prediction - F) / 2, rtol=1e-12)


def test_a_constant_feature_makes_one_leaf_as_in_sklearn() -> None:
    x, y = np.full(5, 3.0), np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    step = trees.boosting_step(x, y, np.zeros(5), learning_rate=0.5)
    assert step.stump == (np.inf, 6.2, 6.2)
    assert_allclose(step.prediction, np.full(5, 3.1))
    sk = GradientBoostingRegressor(n_estimators=1, max_depth=1, learning_rate=0.5).fit(
        x[:, None], y
    )
    assert_allclose(
        trees.boost(x, y, n_steps=1, learning_rate=0.5).predict(x), sk.predict(x[:, None])
    )


def test_equal_reductions_go_to_the_lowest_threshold() -> None:
    stump = trees.fit_stump(np.array([1.0, 2.0, 3.0, 4.0]), np.array([-1.0, 1.0, 1.0, -1.0]))
    assert stump.threshold == 1.5


# ── k folds ───────────────────────────────────────────────────────────────────────────────────


def _sklearn_folds(splitter: KFold | StratifiedKFold, y: np.ndarray) -> np.ndarray:
    fold = np.full(len(y), -1)
    for f, (_, test) in enumerate(splitter.split(np.zeros((len(y), 1)), y)):
        fold[test] = f
    return fold


@pytest.mark.parametrize(("n", "k"), [(10, 5), (10, 3), (7, 7), (2, 2), (23, 4), (100, 10)])
def test_kfold_is_sklearns_kfold(n: int, k: int) -> None:
    fold = resampling.kfold(n, k)
    assert_array_equal(fold, _sklearn_folds(KFold(k), np.zeros(n)))
    ours = resampling.splits(fold, k)
    theirs = list(KFold(k).split(np.zeros((n, 1))))
    for (train, test), (sk_train, sk_test) in zip(ours, theirs, strict=True):
        assert_array_equal(train, sk_train)
        assert_array_equal(test, sk_test)


@pytest.mark.parametrize("seed", SEEDS)
def test_stratified_folds_are_sklearns_and_keep_each_class_within_one_row(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    k = int(rng.integers(2, min(n, 10) + 1))
    y = rng.choice([7, 0, 3, 1], size=n, p=rng.dirichlet(np.ones(4)))  # some classes rarer than k
    y[:k] = y[0]  # one class has ≥ k rows: sklearn's precondition
    fold = resampling.stratified_kfold(y, k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "the least populated class has only …"
        assert_array_equal(fold, _sklearn_folds(StratifiedKFold(k), y))
    assert set(fold) <= set(range(k))  # every row is in exactly one test fold
    sizes = np.bincount(fold, minlength=k)
    assert sizes.max() - sizes.min() <= 1
    for label in np.unique(y):
        per_fold = np.bincount(fold[y == label], minlength=k)
        assert np.all(np.abs(per_fold - np.sum(y == label) / k) < 1)  # within one row


def test_fold_errors_say_what_to_do() -> None:
    with pytest.raises(UsageError, match="k=5 folds need at least 5 rows; got 3"):
        resampling.kfold(3, 5)
    with pytest.raises(UsageError, match="k must be an integer >= 2"):
        resampling.kfold(3, 1)
    with pytest.raises(ValueError, match="every class has fewer rows than k=3"):
        resampling.stratified_kfold(np.array([0, 0, 1, 1]), 3)


# ── the bootstrap and out-of-bag rows ─────────────────────────────────────────────────────────


def test_the_bootstrap_samples_with_replacement() -> None:
    n, models = 200, 2000
    samples = resampling.bootstrap(n, models, np.random.default_rng(0))
    assert samples.shape == (models, n)
    assert samples.min() >= 0 and samples.max() < n
    counts = resampling.in_bag_counts(samples, n)
    assert_array_equal(counts.sum(axis=1), n)  # each model trains on n rows
    assert (counts >= 2).any(axis=1).mean() > 0.99  # with replacement: rows come twice
    # A row is out of bag with probability (1 − 1/n)^n = 0.3670 for n = 200. Over 2,000 models
    # the mean share has a standard deviation of about 0.0008; 0.005 is six of them.
    assert (counts == 0).mean() == pytest.approx((1 - 1 / n) ** n, abs=0.005)
    # One row's in-bag count is Binomial(n, 1/n): variance 1 − 1/n.
    assert counts.var() == pytest.approx(1 - 1 / n, abs=0.02)
    again = resampling.bootstrap(n, models, np.random.default_rng(0))
    assert_array_equal(samples, again)  # seeded: the same bag again


@pytest.mark.parametrize("n_models", [2, 30])
def test_out_of_bag_predictions_are_sklearns(n_models: int) -> None:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=40)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 2 models: some rows have no OOB score
        bag = BaggingRegressor(
            DecisionTreeRegressor(max_depth=3),
            n_estimators=n_models,
            oob_score=True,
            random_state=0,
        ).fit(X, y)
    samples = np.array(bag.estimators_samples_)
    predictions = np.array(
        [m.predict(X[:, f]) for m, f in zip(bag.estimators_, bag.estimators_features_, strict=True)]
    )
    oob = resampling.out_of_bag(samples, predictions, y)
    assert_allclose(oob.prediction, bag.oob_prediction_, rtol=1e-12, atol=1e-12)
    held_out = (oob.weights == 0).any(axis=0)
    assert oob.mse == pytest.approx(np.mean((y - bag.oob_prediction_)[held_out] ** 2), rel=1e-12)
    if n_models == 2:
        assert not held_out.all()  # the case the convention is about: rows every model saw
        assert_array_equal(oob.prediction[~held_out], 0.0)


def test_a_row_drawn_twice_weighs_two() -> None:
    samples = np.array([[0, 0, 2], [1, 2, 2]])
    oob = resampling.out_of_bag(samples, np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.zeros(3))
    assert_array_equal(oob.weights, [[2, 0, 1], [0, 1, 2]])
    assert_array_equal(oob.prediction, [4.0, 2.0, 0.0])  # row 2: every model saw it
    assert oob.mse == pytest.approx((16 + 4) / 2)
