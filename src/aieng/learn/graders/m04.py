"""Graders of month 4 (``aieng.supervised``): metrics, ROC-AUC, the corrected t-test, the
business threshold and leak-free scaling.

The metric exercises' reference is the package's own metric table
(``aieng.supervised.evaluate.metrics_for``): the package scores every fold with those
scikit-learn scorers, so ``adapt`` hands the scorers a stand-in estimator whose "predictions"
are the case's ``y_pred`` (or scores) — the learner is held to exactly the numbers the
leaderboard shows, with the package's sign convention for errors. scikit-learn is imported only
while the cases are prepared (``aieng learn start``), never in the learner's subprocess.

Generated cases are small (≤ 30 rows). Where the answer is an argmax over sums (the threshold)
the money amounts are chosen so every sum is exact in float64: a different but correct order of
additions cannot then pick a different one of two equal thresholds.

Every rule a docstring states has a case that lands on it, because a rule no input reaches
passes any answer: probabilities exactly on grid points (``>=`` and the grid's rounding), equal
thresholds (the lowest wins), equal scores (a tie counts half), scores a billionth apart
(only their order matters), each 0/0 of precision, recall and F1 on its own, a constant column
whose float standard deviation is 1.4e-17 rather than 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]


def _exact(name: str) -> Output:
    """A ratio of counts: only the last bits of rounding may differ."""
    return Output(name, "scalar", rtol=1e-12, atol=1e-12)


def _i(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def _f(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


# ── scoring through the package's scorers ────────────────────────────────────────────────────


def _scorer_values(
    metrics_for: Fn, task: str, names: tuple[str, ...]
) -> Callable[[Any, Any], tuple[float, ...]]:
    """A function ``(y_true, given) -> tuple`` of the package's scorers ``names`` on ``given``.

    ``given`` plays the model's output: its predictions (and decision scores) are ``given``.
    Errors (``neg_…`` scorers) are flipped back to their natural sign, as ``fold_scores`` does.
    """
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
    from sklearn.metrics import get_scorer

    class GivenClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
        classes_ = np.array([0, 1])

        def predict(self, X: np.ndarray) -> np.ndarray:
            return X[:, 0]

        def decision_function(self, X: np.ndarray) -> np.ndarray:
            return X[:, 0]

    class GivenRegressor(RegressorMixin, BaseEstimator):  # type: ignore[misc]
        def predict(self, X: np.ndarray) -> np.ndarray:
            return X[:, 0]

    table = metrics_for(task)
    model = GivenClassifier() if task == "classification" else GivenRegressor()

    def values(y_true: Any, given: Any) -> tuple[float, ...]:
        out = []
        for name in names:
            scorer = table[name][0]
            sign = -1.0 if isinstance(scorer, str) and scorer.startswith("neg_") else 1.0
            score = get_scorer(scorer)(model, np.asarray(given, dtype=float)[:, None], y_true)
            out.append(sign * float(score))
        return tuple(out)

    return values


def _classification_scores(metrics_for: Fn) -> Fn:
    values = _scorer_values(
        metrics_for, "classification", ("accuracy", "precision", "recall", "f1")
    )

    def classification_scores(y_true: Any, y_pred: Any) -> tuple[float, ...]:
        return values(y_true, y_pred)

    return classification_scores


def _regression_scores(metrics_for: Fn) -> Fn:
    values = _scorer_values(metrics_for, "regression", ("rmse", "mae", "r2"))

    def regression_scores(y_true: Any, y_pred: Any) -> tuple[float, ...]:
        return values(y_true, y_pred)

    return regression_scores


def _roc_auc(metrics_for: Fn) -> Fn:
    values = _scorer_values(metrics_for, "classification", ("roc_auc",))

    def roc_auc(y_true: Any, scores: Any) -> float:
        return float(values(y_true, scores)[0])

    return roc_auc


def _labels(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 31))
    y_true = rng.integers(0, 2, size=n)
    flip = rng.random(n) < rng.uniform(0, 0.6)  # a model that is wrong on some rows
    y_pred = np.where(flip, 1 - y_true, y_true)
    if rng.random() < 0.2:
        y_pred = np.zeros(n, dtype=np.int64)  # predicts no positive: precision is 0/0
    if rng.random() < 0.1:
        y_true = np.zeros(n, dtype=np.int64)  # nobody churned: recall is 0/0
    return (y_true.astype(np.int64), y_pred.astype(np.int64))


def _ranking(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(2, 31))
    y_true = rng.integers(0, 2, size=n)
    y_true[rng.choice(n, 2, replace=False)] = (0, 1)  # both classes: the AUC is defined
    scores = rng.normal(size=n) + rng.uniform(0, 2) * y_true  # some signal
    if rng.random() < 0.5:
        scores = np.round(scores * 2) / 2  # coarse scores: many ties
    if rng.random() < 0.3:
        # Only the order matters: a billionth or a thousand times the scores ranks the same.
        # (Ties found with np.isclose, whose atol is 1e-8, call these tiny scores all equal.)
        scores = scores * 10.0 ** float(rng.choice([-10, -9, 3]))
    return (y_true.astype(np.int64), scores)


def _explain_auc(case: Case, name: str, got: Any, expected: Any) -> str:
    if abs(float(got) - (1.0 - float(expected))) < 1e-9 and abs(float(expected) - 0.5) > 1e-9:
        return (
            "your value is 1 − the expected one: you counted pairs where the negative scores "
            "higher. The AUC is the share of (positive, negative) pairs the positive wins."
        )
    return ""


def _regression_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(2, 31))
    y_true = rng.normal(50, 10, size=n)
    y_true[0] = y_true[-1] + 1.0 if n > 1 else y_true[0]  # not constant: R² is defined
    y_pred = y_true + rng.normal(0, rng.uniform(0.5, 20), size=n)
    return (y_true, y_pred)


# ── m04.corrected-ttest ───────────────────────────────────────────────────────────────────────


def _ttest_reference(corrected_ttest: Fn) -> Fn:
    def ttest(differences: Any, n_train: int, n_test: int) -> tuple[float, float]:
        t, p, _ = corrected_ttest(differences, n_train=n_train, n_test=n_test)
        return float(t), float(p)

    return ttest


def _ttest_case(rng: np.random.Generator) -> tuple[Any, ...]:
    folds = int(rng.integers(2, 11))
    repeats = int(rng.integers(1, 4))
    n = int(rng.integers(50, 5000))
    n_test = n // folds
    d = rng.normal(rng.uniform(-0.02, 0.02), rng.uniform(0.001, 0.02), size=folds * repeats)
    return (d, n - n_test, n_test)


def _explain_ttest(case: Case, name: str, got: Any, expected: Any) -> str:
    if name != "t":
        return ""
    d = np.asarray(case.args[0], dtype=float)
    plain = d.mean() / np.sqrt(d.var(ddof=1) / d.size)
    if np.isclose(float(got), plain, rtol=1e-9):
        return (
            f"that is the plain paired t (variance s²/J = {plain:.4g} as t): the folds share "
            "training rows, so Nadeau and Bengio multiply s² by 1/J + n_test/n_train instead."
        )
    return ""


# ── m04.best-threshold ────────────────────────────────────────────────────────────────────────


def _threshold_reference(choose_threshold: Fn) -> Fn:
    from aieng.supervised.config import BusinessCase

    def best_threshold(
        y: Any, proba: Any, offer_cost: float, saved_value: float, success_rate: float
    ) -> tuple[float, float]:
        case = BusinessCase(
            offer_cost=offer_cost, saved_value=saved_value, success_rate=success_rate
        )
        # Chosen and valued on the same rows: the package chooses on out-of-fold predictions
        # and reports the value on the test rows; here both are the learner's one data set.
        choice = choose_threshold(y, proba, y, proba, case)
        return choice.threshold, choice.test_value

    return best_threshold


# The grid points k/100 that np.linspace(0, 1, 101) misses by one bit (0.35000000000000003):
# a customer at exactly such a probability is contacted there only with the rounded grid.
_OFF_GRID = _f(0.35, 0.41, 0.47, 0.57, 0.69, 0.7, 0.82, 0.83, 0.94, 0.95)


def _threshold_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 31))
    y = rng.integers(0, 2, size=n)
    # Probabilities at odd multiples of 1/20000, between two grid points ...
    ticks = rng.integers(0, 10000, size=n) + np.where(y == 1, rng.integers(0, 4000, size=n), 0)
    proba = (np.minimum(ticks, 9999) + 0.5) / 10000
    if rng.random() < 0.6:
        # ... or, in most cases, some exactly on one (0.07, 1.0, 0.35): there ">=" and the grid's
        # rounding decide who is contacted, as they do on real scores rounded to 2 decimals.
        on = rng.random(n) < 0.4
        proba[on] = np.where(
            rng.random(n) < 0.5, rng.choice(_OFF_GRID, size=n), np.round(proba, 2)
        )[on]
    success_rate = float(rng.choice([0.25, 0.5, 0.75, 1.0]))
    saved_value = float(4 * rng.integers(1, 250))  # × success_rate: still an integer
    offer_cost = float(rng.integers(1, 301))
    return (y.astype(np.int64), proba, offer_cost, saved_value, success_rate)


def _explain_threshold(case: Case, name: str, got: Any, expected: Any) -> str:
    if name != "threshold":
        return ""
    y, proba, offer_cost, saved_value, success_rate = case.args
    gain = np.asarray(y) * success_rate * saved_value - offer_cost  # (n,)

    def value(t: float) -> float:
        return float(gain[np.asarray(proba) >= t].sum())

    if float(got) > float(expected) and value(float(got)) == value(float(expected)):
        return (
            f"the thresholds {float(expected):.2f} and {float(got):.2f} are worth the same here: "
            "of equally good thresholds, return the lowest."
        )
    on_grid = sorted({float(p) for p in proba if float(p) == round(float(p), 2)})
    if on_grid:
        return (
            f"some customers sit exactly on a grid point ({', '.join(map(str, on_grid[:4]))}): "
            "they are contacted at that threshold (proba >= threshold, not >), and only if the "
            "grid is rounded: np.linspace(0, 1, 101) holds 0.7000000000000001 where 0.70 is meant."
        )
    return ""


_THRESHOLD_FIXED = [
    Case(
        "4 customers, offer 60, saved 600 × 0.25",
        (_i(1, 0, 1, 0), _f(0.905, 0.605, 0.455, 0.105), 60.0, 600.0, 0.25),
    ),
    Case(
        "nobody worth contacting (offer too dear)",
        (_i(0, 1, 0), _f(0.305, 0.655, 0.125), 500.0, 400.0, 0.5),
    ),
    Case(
        "a cheap offer: contact almost everyone",
        (_i(1, 0, 0, 1, 0, 0), _f(0.215, 0.035, 0.875, 0.645, 0.305, 0.0105), 1.0, 800.0, 0.5),
    ),
    Case(
        "a customer exactly on a threshold is contacted (>=)",
        (_i(1, 0, 1, 0), _f(0.5, 0.25, 0.705, 0.105), 100.0, 400.0, 0.5),
    ),
    Case(
        "a churner exactly on 0.70 (np.linspace's is 0.7000000000000001)",
        (_i(1, 0), _f(0.7, 0.695), 100.0, 400.0, 0.5),
    ),
    Case(
        "a sure churner (proba 1.0): only the threshold 1.00 contacts them alone",
        (_i(1, 0, 0), _f(1.0, 0.995, 0.3), 100.0, 400.0, 0.5),
    ),
]


# ── m04.leak-free-scaling ─────────────────────────────────────────────────────────────────────


def _scaling_reference(preprocessor: Fn) -> Fn:
    import pandas as pd

    def impute_and_scale(X_train: Any, X_test: Any) -> tuple[np.ndarray, np.ndarray]:
        columns = [f"x{j}" for j in range(X_train.shape[1])]
        prep = preprocessor().fit(pd.DataFrame(X_train, columns=columns))
        train = prep.transform(pd.DataFrame(X_train, columns=columns))
        return np.asarray(train, dtype=float), np.asarray(
            prep.transform(pd.DataFrame(X_test, columns=columns)), dtype=float
        )

    return impute_and_scale


def _scaling_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n_train, n_test, p = int(rng.integers(3, 20)), int(rng.integers(1, 8)), int(rng.integers(1, 5))
    loc, scale = rng.uniform(-50, 50, size=p), rng.uniform(0.1, 20, size=p)
    X_train = rng.normal(size=(n_train, p)) * scale + loc
    X_test = rng.normal(size=(n_test, p)) * scale * 2 + loc + scale  # shifted: a different mean
    for X in (X_train, X_test):
        X[rng.random(X.shape) < 0.15] = np.nan
    X_train[:2][np.isnan(X_train[:2])] = loc[np.where(np.isnan(X_train[:2]))[1]] + 1.0
    X_train[1] += 0.5  # rows 0 and 1 are present and differ in every column: a real spread
    return (X_train, X_test)


_SCALING_FIXED = [
    Case(
        "one column, no gap",
        (_f([1.0], [2.0], [3.0], [6.0]), _f([4.0], [0.0])),
    ),
    Case(
        "a gap in training and in test",
        (_f([1.0, 10.0], [np.nan, 20.0], [3.0, np.nan], [4.0, 40.0]), _f([np.nan, np.nan])),
    ),
    Case(
        "a constant column (its spread is 0)",
        (_f([5.0, 1.0], [5.0, 2.0], [5.0, 4.0]), _f([7.0, 3.0])),
    ),
    Case(
        # Three 0.1s average to 0.10000000000000002 in floats, so np.std gives 1.4e-17, not 0:
        # "std == 0" misses the column and divides by rounding noise; the scaler does not.
        "a constant column of 0.1s (its float std is 1.4e-17)",
        (_f([0.1, 1.0], [0.1, 2.0], [np.nan, 4.0]), _f([0.3, 3.0])),
    ),
    Case(
        "an even count of values: the median is the mean of the middle two",
        (_f([1.0], [2.0], [np.nan], [4.0], [10.0]), _f([np.nan], [5.0])),
    ),
]


def _explain_scaling(case: Case, name: str, got: Any, expected: Any) -> str:
    X_train = np.asarray(case.args[0], dtype=float)
    filled = np.where(np.isnan(X_train), np.nanmedian(X_train, axis=0), X_train)
    std = filled.std(axis=0)  # (n_features,)
    noisy = np.flatnonzero((np.ptp(filled, axis=0) == 0) & (std != 0))
    if noisy.size:
        j = int(noisy[0])
        return (
            f"column {j} of the filled X_train holds one value only ({float(filled[0, j])!r}), "
            f"yet its float std is {std[j]:.2g}, not 0 (their float mean is not exactly that "
            "value): "
            "decide that a column is constant from its values (max == min), then divide it by 1."
        )
    return (
        "every statistic comes from X_train alone: its median per column (ignoring NaN), then "
        "the mean and standard deviation (ddof=0) of the filled X_train; X_test is only filled "
        "and scaled with them. Statistics of the test rows (or of both) leak them into the model."
    )


GRADERS: dict[str, Grader] = {
    "m04.classification-metrics": Grader(
        params=("y_true", "y_pred"),
        outputs=(
            _exact("accuracy"),
            _exact("precision"),
            _exact("recall"),
            _exact("f1"),
        ),
        fixed=lambda: [
            Case("5 rows: 2 hits, 1 miss", (_i(0, 1, 1, 0, 1), _i(0, 1, 0, 0, 1))),
            Case("a false alarm and a miss", (_i(1, 0, 0, 1, 0, 1), _i(1, 1, 0, 0, 0, 1))),
            Case("no positive predicted (0/0 is 0)", (_i(0, 1, 0, 1), _i(0, 0, 0, 0))),
            # Each 0/0 on its own: a convention of 1.0 ("found all none of them") must fail.
            Case("no churner at all (recall 0/0 is 0)", (_i(0, 0, 0, 0), _i(0, 1, 0, 0))),
            Case("every prediction wrong (F1 0/0 is 0)", (_i(1, 0, 1), _i(0, 1, 0))),
            Case("nothing to find, nothing flagged", (_i(0, 0, 0), _i(0, 0, 0))),
        ],
        generated=lambda: seeded(_labels),
        adapt=_classification_scores,
    ),
    "m04.roc-auc": Grader(
        params=("y_true", "scores"),
        outputs=(_exact("auc"),),
        fixed=lambda: [
            Case("a perfect ranking", (_i(0, 0, 1, 1), _f(0.1, 0.2, 0.8, 0.9))),
            Case("3 of 4 pairs right", (_i(0, 1, 0, 1), _f(0.1, 0.4, 0.6, 0.9))),
            Case("a tie counts half", (_i(0, 1, 1), _f(0.5, 0.5, 0.9))),
            Case(
                "scores are not probabilities (below 0, above 1)",
                (_i(0, 1, 0, 1, 1, 0), _f(-3.0, 12.5, 0.2, 7.0, -0.5, 40.0)),
            ),
            Case(
                "scores a billionth apart are still ordered",
                (_i(0, 1, 0, 1), _f(1, 2, 3, 4) * 1e-9),
            ),
        ],
        generated=lambda: seeded(_ranking),
        adapt=_roc_auc,
        explain=_explain_auc,
    ),
    "m04.regression-metrics": Grader(
        params=("y_true", "y_pred"),
        outputs=(
            Output("rmse", "scalar", rtol=1e-9, atol=1e-12),
            Output("mae", "scalar", rtol=1e-9, atol=1e-12),
            Output("r2", "scalar", rtol=1e-9, atol=1e-12),
        ),
        fixed=lambda: [
            Case("3 predictions", (_f(3.0, 5.0, 7.0), _f(4.0, 5.0, 5.0))),
            Case("predicting the mean gives R² = 0", (_f(1.0, 2.0, 6.0), _f(3.0, 3.0, 3.0))),
            # Perfectly (anti-)correlated and worse than the mean: R² = -3, while r² would be 1.
            Case("worse than predicting the mean: R² < 0", (_f(2.0, 4.0, 6.0), _f(6.0, 4.0, 2.0))),
        ],
        generated=lambda: seeded(_regression_case),
        adapt=_regression_scores,
    ),
    "m04.corrected-ttest": Grader(
        params=("differences", "n_train", "n_test"),
        outputs=(
            Output("t", "scalar", rtol=1e-9, atol=1e-12),
            Output("p_value", "scalar", rtol=1e-7, atol=1e-12),
        ),
        fixed=lambda: [
            Case("5 folds of 1,000 rows", (_f(0.01, 0.02, 0.0, 0.03, 0.015), 800, 200)),
            Case(
                "2×5 folds, a tie",
                (
                    _f(0.004, -0.003, 0.001, 0.002, -0.004, 0.0, 0.003, -0.001, 0.002, -0.002),
                    4507,
                    1127,
                ),
            ),
            Case("b is better: t < 0", (_f(-0.02, -0.01, -0.03), 600, 300)),
        ],
        generated=lambda: seeded(_ttest_case),
        adapt=_ttest_reference,
        explain=_explain_ttest,
    ),
    "m04.best-threshold": Grader(
        params=("y", "proba", "offer_cost", "saved_value", "success_rate"),
        outputs=(
            Output("threshold", "scalar", rtol=0.0, atol=1e-9),
            Output("value_per_customer", "scalar", rtol=1e-9, atol=1e-9),
        ),
        fixed=lambda: list(_THRESHOLD_FIXED),
        generated=lambda: seeded(_threshold_case),
        adapt=_threshold_reference,
        explain=_explain_threshold,
    ),
    "m04.leak-free-scaling": Grader(
        params=("X_train", "X_test"),
        outputs=(
            Output("Z_train", "array", rtol=1e-9, atol=1e-9),
            Output("Z_test", "array", rtol=1e-9, atol=1e-9),
        ),
        fixed=lambda: list(_SCALING_FIXED),
        generated=lambda: seeded(_scaling_case),
        n_generated=25,
        adapt=_scaling_reference,
        explain=_explain_scaling,
    ),
}


# ── month 4 from scratch: a tree's best split, k folds, the bootstrap, a boosting step ────────
#
# The references are ``aieng.scratch.trees`` and ``aieng.scratch.resampling``, held to
# scikit-learn in tests/code/test_scratch_month4.py. Generated values sit on coarse grids
# (halves, quarters, a few labels), so equal values, equal gains and rows drawn twice are the
# rule rather than the exception: the tie and boundary rules are exercised on most cases.


def _exactly(name: str, kind: Any = "scalar") -> Output:
    """Counts, indices, fold numbers: nothing is rounded, so nothing is forgiven."""
    return Output(name, kind, rtol=0.0, atol=0.0)


def _column(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)[:, None]


def _is_a_value(x: Any, threshold: Any) -> bool:
    return bool(np.isfinite(threshold) and np.isclose(np.asarray(x), threshold).any())


_MIDPOINT = (
    "is one of the feature's own values: a threshold lies halfway between two neighbouring "
    "distinct values, so that a new row falling in the gap goes to the side it is nearer to."
)
_NO_SPLIT = "with a single value there is no question to ask: the threshold is inf (float('inf'))."
_ONLY_CONSTANT = "inf is for a feature with a single value; this one takes several."


# ── m04.best-split ────────────────────────────────────────────────────────────────────────────


def _split_reference(best_split: Fn) -> Fn:
    def split(X: Any, y: Any) -> tuple[int, float, float]:
        feature, threshold, gain = best_split(X, y)
        return int(feature), float(threshold), float(gain)

    return split


def _near_tie_rows() -> tuple[np.ndarray, np.ndarray]:
    """200 rows where feature 1 beats feature 0 by a gain of 2.9e-8: better, not tied (≥ 1e-9).

    Found by an exact search (fractions) over the splits of 90 zeros and 110 ones: feature 0
    sends 39 zeros and 97 ones left (gain 0.11324449), feature 1 sends 44 and 101. Deciding
    ties with np.isclose's defaults (rtol 1e-5), or any tolerance above 3e-8, keeps feature 0.
    """
    y = np.r_[np.zeros(90), np.ones(110)].astype(np.int64)
    X = np.column_stack([np.ones(200), np.full(200, 5.0)])
    X[np.r_[np.arange(39), 90 + np.arange(97)], 0] = 0.0
    X[np.r_[89 - np.arange(44), 199 - np.arange(101)], 1] = 2.0
    return X, y


def _split_fixed() -> list[Case]:
    one_to_six = _column(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
    return [
        Case("6 rows, one feature, one clean cut", (one_to_six, _i(0, 0, 0, 1, 1, 1))),
        Case(
            "repeated values: the threshold is halfway between distinct ones",
            (_column(1.0, 1.0, 4.0, 4.0, 4.0, 9.0), _i(0, 0, 1, 1, 1, 1)),
        ),
        Case(
            "a constant feature offers no threshold",
            (_f([7.0, 3.0], [7.0, 1.0], [7.0, 4.0], [7.0, 2.0]), _i(1, 0, 1, 0)),
        ),
        Case(
            "two features, equal gains: the lower feature wins",
            (_f([10.0, 1.0], [20.0, 2.0], [30.0, 3.0], [40.0, 4.0]), _i(0, 0, 1, 1)),
        ),
        Case(
            "equal gains on one feature: the lower threshold wins",
            (one_to_six, _i(0, 1, 1, 1, 1, 0)),
        ),
        Case(
            "three classes: the impurity counts every class",
            (_column(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), _i(0, 0, 1, 1, 1, 2, 2)),
        ),
        Case(
            "labels 3 and 8, not 0 and 1",
            (_f([2.5, 0.0], [0.5, 1.0], [1.5, 0.0], [3.5, 1.0], [0.0, 0.0]), _i(8, 3, 3, 8, 3)),
        ),
        Case(
            "no feature takes two values: no split",
            (_f([2.0, 5.0], [2.0, 5.0], [2.0, 5.0]), _i(0, 1, 1)),
        ),
        Case("a gain larger by 2.9e-8 is larger (ties are within 1e-9)", _near_tie_rows()),
    ]


def _split_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, p = int(rng.integers(1, 31)), int(rng.integers(1, 5))
    grid = 2.0 if rng.random() < 0.5 else 4.0  # halves or quarters: many equal values
    X = rng.integers(-12, 13, size=(n, p)) / grid
    if rng.random() < 0.1:
        X[:] = X[0]  # every feature constant: no split at all
    elif p > 1 and rng.random() < 0.3:
        X[:, rng.integers(p)] = X[0, 0]  # a constant feature
    if p > 1 and rng.random() < 0.3:
        i, j = rng.choice(p, 2, replace=False)
        X[:, j] = 2.0 * X[:, i] + 1.0  # the same order, so exactly the same gains: a tie
    labels = [(0, 1), (0, 1, 2), (2, 5), (1, 3, 4)][int(rng.integers(4))]
    y = rng.choice(labels, size=n, p=rng.dirichlet(np.ones(len(labels))))
    return (X, y.astype(np.int64))


def _gini(labels: np.ndarray) -> float:
    if labels.size == 0:
        return 0.0
    share = np.unique(labels, return_counts=True)[1] / labels.size
    return float(1.0 - share @ share)


def _gain(X: np.ndarray, y: np.ndarray, feature: int, threshold: float) -> float:
    left = X[:, feature] <= threshold
    children = left.sum() * _gini(y[left]) + (~left).sum() * _gini(y[~left])
    return _gini(y) - float(children) / y.size


def _feature_gain(X: np.ndarray, y: np.ndarray, feature: int) -> float | None:
    """The best gain of one feature (None when it is constant)."""
    values = np.unique(X[:, feature])
    midpoints = (values[:-1] + values[1:]) / 2
    return max((_gain(X, y, feature, t) for t in midpoints), default=None)


def _split_notes(solve: Fn, case: Case) -> dict[str, Any]:
    return dict(zip(("feature", "threshold", "gain"), solve(*case.args), strict=True))


def _explain_split(case: Case, name: str, got: Any, expected: Any) -> str:
    X, y = case.args
    best, feature = case.notes["gain"], case.notes["feature"]
    if feature == -1:
        return "no feature takes two distinct values: there is no split, so return (-1, inf, 0.0)."
    if name == "feature" and float(got).is_integer() and 0 <= got < X.shape[1]:
        theirs = _feature_gain(X, y, int(got))
        if theirs is None:
            return f"feature {int(got)} is constant: it offers no threshold."
        if abs(theirs - best) <= 1e-9:
            return (
                f"feature {int(got)}'s best split gains as much as feature {feature}'s (within "
                f"1e-9): that is a tie, and ties go to the lowest feature index ({feature})."
            )
        close = " — more than the 1e-9 that makes a tie" if best - theirs < 1e-6 else ""
        return (
            f"feature {int(got)}'s best gain is {theirs:.10g}, feature {feature}'s is "
            f"{best:.10g}: larger by {best - theirs:.2g}{close}."
        )
    if name == "threshold" and _is_a_value(X[:, feature], got):
        return f"{float(got):g} " + _MIDPOINT
    if name == "threshold" and np.isinf(got):
        return _ONLY_CONSTANT
    if name == "threshold" and np.isfinite(got) and np.isfinite(expected):
        theirs = _gain(X, y, feature, float(got))
        if abs(theirs - best) <= 1e-9:
            return (
                f"thresholds {float(got):g} and {float(expected):g} gain the same (within 1e-9): "
                "a tie, and ties go to the lowest threshold."
            )
        return (
            f"threshold {float(got):g} gains {theirs:.10g}, threshold {float(expected):g} "
            f"gains {best:.10g}."
        )
    if name == "gain" and np.isclose(float(got), _gini(y) - best):
        return (
            "that is the children's weighted impurity (what is left); the gain is what the "
            "split removes: the node's impurity minus that."
        )
    if name == "gain" and len(np.unique(y)) > 2:
        return "three classes or more: the Gini impurity sums over every class, not only one."
    return ""


# ── m04.kfold ─────────────────────────────────────────────────────────────────────────────────


def _folds_reference(stratified_kfold: Fn) -> Fn:
    from aieng.scratch.resampling import kfold  # the plain folds' reference, beside it

    def assign_folds(y: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
        plain = kfold(len(y), k).astype(np.float64)
        return plain, stratified_kfold(y, k).astype(np.float64)

    return assign_folds


_FOLDS_FIXED = [
    Case("10 rows, 5 folds (5 divides 10)", (_i(0, 1, 0, 1, 0, 1, 0, 1, 0, 1), 5)),
    Case("7 rows, 3 folds: 7 % 3 = 1 fold holds a row more", (_i(0, 0, 0, 0, 1, 1, 1), 3)),
    Case("10 rows, 4 folds: sizes 3, 3, 2, 2", (_i(0, 1, 1, 0, 0, 1, 0, 0, 1, 0), 4)),
    Case("a class rarer than k: 2 rows of class 1, 4 folds", (_i(0, 0, 1, 0, 0, 0, 1, 0, 0), 4)),
    Case(
        "the first label (5) is not the smallest: classes go in order of appearance",
        (_i(5, 0, 0, 5, 0, 0, 0), 4),
    ),
    Case("three classes, 12 rows, 5 folds", (_i(2, 0, 1, 1, 0, 2, 0, 0, 1, 0, 2, 0), 5)),
    Case("k = n, one class: leave one out", (_i(3, 3, 3, 3), 4)),
]


def _folds_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(2, 41))
    k = int(rng.integers(2, min(n, 10) + 1))
    labels = rng.choice([0, 1, 2, 3, 5, 7, 9], size=int(rng.integers(1, 5)), replace=False)
    y = rng.choice(labels, size=n, p=rng.dirichlet(np.ones(len(labels))))
    if np.unique(y, return_counts=True)[1].max() < k:
        y[:k] = y[0]  # scikit-learn's rule: some class has at least k rows
    return (y.astype(np.int64), k)


def _explain_folds(case: Case, name: str, got: Any, expected: Any) -> str:
    y, k = case.args
    got, expected = np.asarray(got), np.asarray(expected)
    if not np.isin(got, np.arange(k)).all():
        return f"fold numbers run from 0 to k − 1 = {k - 1}."
    if name == "fold":
        sizes, want = np.bincount(got.astype(int), minlength=k), np.bincount(expected.astype(int))
        if np.array_equal(sizes, want):
            return "the fold sizes are right; each fold is one contiguous block, in row order."
        return (
            f"your folds hold {sizes.tolist()} rows, the expected ones {want.tolist()}: the "
            "first n % k folds hold one row more."
        )
    for label in dict.fromkeys(y.tolist()):  # classes in order of appearance
        mine = np.bincount(got[y == label].astype(int), minlength=k)
        theirs = np.bincount(expected[y == label].astype(int), minlength=k)
        if not np.array_equal(mine, theirs):
            return (
                f"class {label} has {mine.tolist()} rows per fold, expected {theirs.tolist()}: "
                "the labels, grouped by class in order of first appearance, are one deck dealt "
                "round robin, so each class continues at the fold where the previous one stopped."
            )
    return "the counts per fold are right; within a class, its first rows go to its lowest fold."


# ── m04.bootstrap ─────────────────────────────────────────────────────────────────────────────


def _oob_reference(out_of_bag: Fn) -> Fn:
    def oob(samples: Any, preds: Any, y: Any) -> tuple[np.ndarray, np.ndarray, float]:
        weights, prediction, mse = out_of_bag(samples, preds, y)
        return weights, prediction, float(mse)

    return oob


def _samples(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


_OOB_FIXED = [
    Case(
        "3 rows, 2 models: row 0 drawn twice, row 2 drawn by both",
        (_samples([0, 0, 2], [1, 2, 2]), _f([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), _f(0.0, 1.0, 9.0)),
    ),
    Case(
        "one model: its unseen rows only",
        (_samples([3, 3, 0, 1]), _f([1.0, 2.0, 3.0, 4.0]), _f(1.0, 1.0, 1.0, 1.0)),
    ),
    Case(
        "a row drawn three times; a row no model drew",
        (
            _samples([1, 1, 1, 0], [0, 3, 0, 3], [1, 0, 3, 3]),
            _f([2.0, 4.0, 6.0, 8.0], [1.0, 3.0, 5.0, 7.0], [0.5, 1.5, 2.5, 3.5]),
            _f(2.0, 3.0, 4.0, 5.0),
        ),
    ),
    Case(
        "5 rows, 4 models",
        (
            _samples([0, 1, 1, 3, 4], [2, 2, 2, 0, 1], [4, 3, 4, 3, 0], [1, 0, 2, 2, 4]),
            _f(
                [1.5, 2.0, 2.5, 3.0, 3.5],
                [1.0, 2.5, 2.0, 3.5, 4.0],
                [2.0, 1.5, 3.0, 2.5, 3.0],
                [1.0, 1.0, 2.0, 4.0, 5.0],
            ),
            _f(1.0, 2.0, 3.0, 3.0, 4.0),
        ),
    ),
]


def _oob_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, models = int(rng.integers(2, 26)), int(rng.integers(1, 9))
    samples = rng.integers(0, n, size=(models, n))
    if all(len(np.unique(s)) == n for s in samples):
        samples[0, -1] = samples[0, 0]  # a row drawn twice: some row is left out
    y = np.round(rng.normal(10.0, 5.0, size=n), 2)
    preds = np.round(y + rng.normal(0.0, rng.uniform(0.5, 5.0), size=(models, n)), 2)
    return (samples, preds, y)


def _explain_oob(case: Case, name: str, got: Any, expected: Any) -> str:
    samples, preds, y = case.args
    if name == "weights" and np.asarray(got).max() <= 1 < np.asarray(expected).max():
        return (
            "a row drawn twice weighs 2: with fancy indexing, w[b, samples[b]] += 1 adds 1 once "
            "per distinct index; count the draws instead (np.bincount, np.add.at)."
        )
    if name == "oob_mse":
        counts = np.stack([np.bincount(s, minlength=len(y)) for s in samples])
        if np.isclose(float(got), np.mean((y - _oob_prediction(counts, preds)) ** 2)):
            return "rows every model drew have no out-of-bag prediction: leave them out."
    return ""


def _oob_prediction(counts: np.ndarray, preds: np.ndarray) -> np.ndarray:
    """The out-of-bag prediction of every row (0 where no model left it out)."""
    unseen = counts == 0
    total = np.where(unseen, preds, 0.0).sum(axis=0)
    return np.asarray(total / np.maximum(unseen.sum(axis=0), 1), dtype=np.float64)


# ── m04.boosting-step ─────────────────────────────────────────────────────────────────────────


def _boosting_reference(boosting_step: Fn) -> Fn:
    def step(x: Any, y: Any, F: Any, learning_rate: float) -> tuple[float, np.ndarray]:
        stump, prediction = boosting_step(x, y, F, learning_rate)
        return float(stump.threshold), np.asarray(prediction, dtype=np.float64)

    return step


def _near_tie_step() -> tuple[Any, ...]:
    """Threshold 2.5 leaves a squared error 2.0e-7 below 0.5's: 100 times the tie tolerance.

    The residuals are 1, 0, 0, −(1 + 1.5e-7): deciding ties with np.isclose's defaults (or any
    tolerance above about 1e-7 of Σ r² = 2) takes 0.5.
    """
    F = np.full(4, 0.5)
    return (_f(0.0, 1.0, 2.0, 3.0), F + _f(1.0, 0.0, 0.0, -(1.0 + 1.5e-7)), F, 1.0)


_BOOSTING_FIXED = [
    Case(
        "4 rows, the first step (F is the mean): one clean cut",
        (_f(1.0, 2.0, 3.0, 4.0), _f(1.0, 1.0, 5.0, 5.0), _f(3.0, 3.0, 3.0, 3.0), 0.5),
    ),
    Case(
        "a later step: the residuals y − F choose the threshold, not y",
        (_f(1.0, 2.0, 3.0, 4.0), _f(0.0, 0.0, 10.0, 10.0), _f(0.0, 0.0, 10.0, 6.0), 0.1),
    ),
    Case(
        "repeated x: the threshold is halfway between distinct values",
        (
            _f(1.0, 1.0, 3.0, 3.0, 3.0, 6.0),
            _f(0.0, 0.5, 4.0, 5.0, 4.5, 4.0),
            _f(3.0, 3.0, 3.0, 3.0, 3.0, 3.0),
            0.3,
        ),
    ),
    Case(
        "equal squared errors: the lower threshold wins",
        (_f(1.0, 2.0, 3.0, 4.0), _f(-1.0, 1.0, 1.0, -1.0), _f(0.0, 0.0, 0.0, 0.0), 0.5),
    ),
    Case(
        "equal squared errors up to rounding (mirror images): the lower threshold wins",
        (
            np.arange(8.0),
            _f(0.0, 2.0, 4.0, 2.0, 2.0, 4.0, 2.0, 0.0),
            np.ones(8),
            0.5,
        ),
    ),
    Case(
        "x unsorted", (_f(3.0, -1.0, 2.0, 0.5), _f(4.0, 0.0, 3.5, 1.0), _f(2.0, 2.0, 2.0, 2.0), 1.0)
    ),
    Case(
        "x takes one value: one leaf, threshold inf",
        (_f(2.0, 2.0, 2.0), _f(1.0, 2.0, 6.0), _f(0.0, 0.0, 0.0), 0.5),
    ),
    Case(
        "a squared error smaller by 2e-7 is smaller (ties are within 1e-9 · Σ r²)", _near_tie_step()
    ),
]


def _boosting_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 31))
    learning_rate = float(rng.choice([0.05, 0.1, 0.3, 0.5, 1.0]))
    if rng.random() < 0.25:
        # Residuals that read the same both ways along x: every cut has a mirror image with the
        # same squared error, so the best threshold is a tie the lower one must win.
        half = rng.integers(-3, 4, size=(n + 1) // 2).astype(np.float64)
        r = np.r_[half, half[::-1]][:n] if n % 2 == 0 else np.r_[half, half[-2::-1]]
        x = np.arange(len(r)) / 2.0 - 3.0
        F = np.full(len(r), float(rng.integers(-2, 3)))
        rows = rng.permutation(len(r))  # x need not come sorted
        return (x[rows], (F + r)[rows], F[rows], learning_rate)
    grid = 2.0 if rng.random() < 0.5 else 4.0  # halves or quarters: many equal values
    x = rng.integers(-12, 13, size=n) / grid
    if rng.random() < 0.1:
        x[:] = x[0]  # one value: no split
    y = np.round(rng.normal(rng.uniform(-20, 20), rng.uniform(0.5, 10), size=n), 2)
    if rng.random() < 0.5:
        F = np.full(n, y.mean())  # the first step
    else:
        F = np.round(y + rng.normal(0, rng.uniform(0.1, 5), size=n), 2)  # a later one
    return (x, y, F, learning_rate)


def _sse(x: np.ndarray, r: np.ndarray, threshold: float) -> float:
    """The squared error the stump at ``threshold`` leaves on the residuals ``r``."""
    sides = [r[x <= threshold], r[x > threshold]]
    return float(sum(((side - side.mean()) ** 2).sum() for side in sides if side.size))


def _explain_boosting(case: Case, name: str, got: Any, expected: Any) -> str:
    x, y, F, learning_rate = case.args
    r = y - F
    if name == "threshold" and not np.isfinite(expected):
        return "x " + _NO_SPLIT
    if name == "threshold" and np.isinf(got):
        return _ONLY_CONSTANT
    if name == "threshold" and _is_a_value(x, got):
        return f"{float(got):g} " + _MIDPOINT
    if name == "threshold" and np.isfinite(got):
        mine, best = _sse(x, r, float(got)), _sse(x, r, float(expected))
        if abs(mine - best) <= 1e-9 * float(r @ r):
            rounding = (
                f" up to rounding (they differ by {abs(mine - best):.1g}, less than 1e-9 · Σ r²; "
                "compare with that tolerance, not exactly)"
                if mine != best
                else ""
            )
            return (
                f"thresholds {float(got):g} and {float(expected):g} leave the same squared error"
                f"{rounding}: a tie, and the lower threshold wins."
            )
        return (
            f"threshold {float(got):g} leaves a squared error of {mine:.10g} on the residuals "
            f"y − F, threshold {float(expected):g} leaves {best:.10g}."
        )
    if name == "F_next" and learning_rate != 1.0:
        step, full = np.asarray(got) - F, (np.asarray(expected) - F) / learning_rate
        if np.allclose(step, full):
            return "the stump's values were added whole: shrink them by learning_rate first."
    return ""


GRADERS.update(
    {
        "m04.best-split": Grader(
            params=("X", "y"),
            outputs=(
                _exactly("feature"),
                Output("threshold", "scalar", rtol=1e-12, atol=1e-12),
                Output("gain", "scalar", rtol=1e-9, atol=1e-12),
            ),
            fixed=_split_fixed,
            generated=lambda: seeded(_split_case),
            adapt=_split_reference,
            annotate=_split_notes,
            explain=_explain_split,
        ),
        "m04.kfold": Grader(
            params=("y", "k"),
            outputs=(_exactly("fold", "array"), _exactly("stratified_fold", "array")),
            fixed=lambda: list(_FOLDS_FIXED),
            generated=lambda: seeded(_folds_case),
            adapt=_folds_reference,
            explain=_explain_folds,
        ),
        "m04.bootstrap": Grader(
            params=("samples", "preds", "y"),
            outputs=(
                _exactly("weights", "array"),
                Output("oob_pred", "array", rtol=1e-10, atol=1e-12),
                Output("oob_mse", "scalar", rtol=1e-9, atol=1e-12),
            ),
            fixed=lambda: list(_OOB_FIXED),
            generated=lambda: seeded(_oob_case),
            adapt=_oob_reference,
            explain=_explain_oob,
        ),
        "m04.boosting-step": Grader(
            params=("x", "y", "F", "learning_rate"),
            outputs=(
                Output("threshold", "scalar", rtol=1e-12, atol=1e-12),
                Output("F_next", "array", rtol=1e-9, atol=1e-9),
            ),
            fixed=lambda: list(_BOOSTING_FIXED),
            generated=lambda: seeded(_boosting_case),
            adapt=_boosting_reference,
            explain=_explain_boosting,
        ),
    }
)
