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
