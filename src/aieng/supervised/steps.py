"""The steps of one model comparison (:func:`aieng.supervised.comparison.compare`), one function
each, in the order the comparison takes them. They share a :class:`Setup`: the task, the
training rows, the folds every candidate is scored on, and how to build a candidate's Pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.inspection import permutation_importance
from sklearn.metrics import get_scorer
from sklearn.model_selection import (
    KFold,
    StratifiedKFold,
    cross_val_predict,
    learning_curve,
    train_test_split,
    validation_curve,
)

from aieng.errors import DataError
from aieng.supervised import evaluate
from aieng.supervised.candidates import TWINS, label, make_estimator
from aieng.supervised.config import CompareConfig, Task
from aieng.supervised.evaluate import PairedTest
from aieng.supervised.features import build_pipeline
from aieng.supervised.target import Target
from aieng.supervised.threshold import ThresholdChoice, choose_threshold

Progress = Callable[[str], None]  # called with a description before each step


@dataclass(frozen=True)
class FeatureTest:
    """One model scored on the same folds with and without the domain features."""

    model: str
    with_features: float  # mean primary metric
    without_features: float
    test: PairedTest  # a = the better of the two variants ("with" / "without")
    with_folds: tuple[float, ...]  # primary metric per fold, with the domain features
    without_folds: tuple[float, ...]  # the same folds without them


@dataclass(frozen=True)
class Setup:
    """What every step of one comparison shares."""

    task: Task
    config: CompareConfig
    X_train: pd.DataFrame  # (n_train, n_features)
    y_train: pd.Series  # (n_train,)
    names: dict[str, str]  # the label a model is shown by -> its candidate name
    domain: bool  # add the churn domain features
    screen: int  # columns each model keeps on a wide table (0: all of them)
    step: Progress

    @property
    def primary(self) -> str:
        return evaluate.PRIMARY[self.task]

    @property
    def cv(self) -> Any:
        """The repeated k folds every candidate is scored on (the same for all: paired tests)."""
        c = self.config
        return evaluate.splitter(self.task, folds=c.folds, repeats=c.repeats, seed=c.seed)

    @property
    def simple_cv(self) -> Any:
        """k folds, not repeated: enough for the curves and the out-of-fold threshold."""
        c = self.config
        if self.task == "classification":
            return StratifiedKFold(c.folds, shuffle=True, random_state=c.seed)
        return KFold(c.folds, shuffle=True, random_state=c.seed)

    @property
    def fold_sizes(self) -> tuple[int, int]:
        """Rows a fold trains on and validates on: the corrected t-test needs their ratio."""
        n_fit = round(len(self.X_train) * (self.config.folds - 1) / self.config.folds)
        return n_fit, len(self.X_train) - n_fit

    def pipeline(self, name: str, *, with_domain: bool | None = None) -> Any:
        """A fresh, unfitted Pipeline of candidate ``name``."""
        c = self.config
        model = make_estimator(name, self.task, seed=c.seed, n_jobs=c.n_jobs)
        domain = self.domain if with_domain is None else with_domain
        return build_pipeline(model, domain=domain, screen=self.screen)


def hold_out(
    X: pd.DataFrame, target: Target, config: CompareConfig, held_out: pd.Index | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """``X_train, X_test, y_train, y_test``: the caller's test rows, or a stratified split."""
    if held_out is None:
        stratify = target.y if target.task == "classification" else None
        split = train_test_split(
            X, target.y, test_size=config.test_size, random_state=config.seed, stratify=stratify
        )
        X_train, X_test, y_train, y_test = split
        return X_train, X_test, y_train, y_test
    in_test = X.index.isin(held_out)
    if in_test.all() or not in_test.any():
        raise DataError(
            f"the held-out rows leave {int((~in_test).sum())} rows to train on and "
            f"{int(in_test.sum())} to test on",
            hint="pass the index labels of some, not all, of the table's rows.",
        )
    return X[~in_test], X[in_test], target.y[~in_test], target.y[in_test]


def cross_validate(s: Setup) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Every candidate on the same folds: ``(scores, leaderboard, winner)``."""
    parts = []
    for shown, name in s.names.items():
        s.step(f"cross-validating {shown}")
        part = evaluate.fold_scores(s.pipeline(name), s.X_train, s.y_train, task=s.task, cv=s.cv)
        parts.append(part.assign(model=shown))
    scores = pd.concat(parts, ignore_index=True)
    board = evaluate.leaderboard(scores, task=s.task)
    return scores, board, str(board["model"].iloc[0])


def paired_tests(
    s: Setup, scores: pd.DataFrame, ranked: list[str], winner: str
) -> tuple[PairedTest | None, PairedTest | None]:
    """The winner against the runner-up; scikit-learn's linear model against ours (month 3)."""
    n_fit, n_val = s.fold_sizes

    def pair(a: str, b: str) -> PairedTest:
        return evaluate.compare_pair(
            scores, a, b, task=s.task, metric=s.primary, n_train=n_fit, n_test=n_val
        )

    # The runner-up is the best *other* model: our month-3 estimator solves the same problem as
    # scikit-learn's, so the two are twins and their contest is reported on its own (`twins`).
    others = [m for m in ranked[1:] if s.names[m] != TWINS.get(s.names[winner])]
    top_two = pair(winner, others[0]) if others else None
    ours, theirs = label("scratch_linear", s.task), label("linear", s.task)
    twins = pair(theirs, ours) if ours in s.names and theirs in s.names else None
    return top_two, twins


def feature_tests(
    s: Setup, scores: pd.DataFrame, ranked: list[str], winner: str
) -> list[FeatureTest]:
    """The winner, and the best model of the other kind (linear vs trees), without the domain
    features on the same folds: engineered features help the two kinds in different ways."""
    if not s.domain:
        return []
    n_fit, n_val = s.fold_sizes
    linear = {"linear", "scratch_linear"}
    names = s.names
    other = [
        m
        for m in ranked
        if names[m] != "dummy" and (names[m] in linear) != (names[winner] in linear)
    ]
    tests = []
    for shown in [winner, *other[:1]]:
        s.step(f"{shown} without the domain features")
        without = evaluate.fold_scores(
            s.pipeline(names[shown], with_domain=False), s.X_train, s.y_train, task=s.task, cv=s.cv
        )
        pair = pd.concat(
            [scores[scores["model"] == shown].assign(model="with"), without.assign(model="without")]
        )
        test = evaluate.compare_pair(
            pair, "with", "without", task=s.task, metric=s.primary, n_train=n_fit, n_test=n_val
        )
        main = pair[pair["metric"] == s.primary].sort_values("fold")
        w = tuple(float(v) for v in main[main["model"] == "with"]["valid"])
        wo = tuple(float(v) for v in main[main["model"] == "without"]["valid"])
        tests.append(FeatureTest(shown, float(np.mean(w)), float(np.mean(wo)), test, w, wo))
    return tests


def curves(s: Setup, winner: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The winner's learning curve, and a tree's validation curve over its depth."""
    c, scorer, sign = s.config, scorer_of(s), sign_of(s.task, s.primary)
    s.step(f"learning curve of {winner}")
    sizes, tr, va = learning_curve(
        s.pipeline(s.names[winner]),
        s.X_train,
        s.y_train,
        cv=s.simple_cv,
        scoring=scorer,
        train_sizes=np.linspace(0.1, 1.0, c.learning_curve_points),
    )
    learning = _curve_frame("train_size", sizes, sign * tr, sign * va)
    s.step("validation curve over tree depth")
    tr, va = validation_curve(
        s.pipeline("tree"),
        s.X_train,
        s.y_train,
        cv=s.simple_cv,
        scoring=scorer,
        param_name="model__max_depth",
        param_range=list(c.tree_depths),
    )
    return learning, _curve_frame("max_depth", np.array(c.tree_depths), sign * tr, sign * va)


@dataclass(frozen=True)
class HeldOut:
    """The winner fitted on every training row and scored once on the untouched test rows."""

    pipeline: Any
    scores: dict[str, float]
    y_true: np.ndarray  # (n_test,)
    output: np.ndarray  # (n_test,) P(positive) for classification, the prediction otherwise
    importance: pd.DataFrame  # feature, mean, std (drop of the primary metric when shuffled)


def score_once(s: Setup, winner: str, X_test: pd.DataFrame, y_test: pd.Series) -> HeldOut:
    """Fit the winner, score it on the test rows, and measure permutation importance there."""
    best = s.pipeline(s.names[winner])
    s.step(f"fitting {winner} and scoring it once on the test split")
    best.fit(s.X_train, s.y_train)
    scores = evaluate.held_out_scores(best, X_test, y_test, task=s.task)
    if s.task == "classification":
        output = best.predict_proba(X_test)[:, 1]
    else:
        output = np.asarray(best.predict(X_test), dtype=float)
    # Each shuffle costs a prediction that reads every column: all columns would be quadratic
    # work. On a wide table only the screened columns are shuffled; the model never sees the
    # others, so shuffling them could not change its score (their importance is exactly 0).
    shuffled = X_test[best.named_steps["screen"].columns_] if s.screen else X_test
    repeats = s.config.permutation_repeats
    columns = shuffled.shape[1]
    s.step(f"permutation importance on the test split ({columns:,} columns × {repeats} shuffles)")
    perm = permutation_importance(
        best, shuffled, y_test, scoring=scorer_of(s), n_repeats=repeats, random_state=s.config.seed
    )
    importance = pd.DataFrame(
        {"feature": shuffled.columns, "mean": perm.importances_mean, "std": perm.importances_std}
    ).sort_values("mean", ascending=False, ignore_index=True)
    return HeldOut(best, scores, y_test.to_numpy(), output, importance)


def threshold(s: Setup, held: HeldOut) -> ThresholdChoice | None:
    """For classification, the threshold worth the most money, chosen on out-of-fold rows."""
    if s.task != "classification":
        return None
    s.step("choosing the decision threshold")
    oof = cross_val_predict(
        clone(held.pipeline), s.X_train, s.y_train, cv=s.simple_cv, method="predict_proba"
    )[:, 1]
    return choose_threshold(s.y_train.to_numpy(), oof, held.y_true, held.output, s.config.business)


def scorer_of(s: Setup) -> Any:
    """scikit-learn's scorer for the primary metric."""
    return get_scorer(evaluate.metrics_for(s.task)[s.primary][0])


def sign_of(task: Task, metric: str) -> float:
    """-1 for the errors sklearn scores negated (log loss, RMSE, MAE), else 1."""
    scorer = evaluate.metrics_for(task)[metric][0]
    return -1.0 if isinstance(scorer, str) and scorer.startswith("neg_") else 1.0


def _curve_frame(x: str, xs: np.ndarray, train: np.ndarray, valid: np.ndarray) -> pd.DataFrame:
    """Mean curves from ``(n_points, n_folds)`` score arrays."""
    return pd.DataFrame(
        {
            x: xs,
            "train": train.mean(axis=1),
            "valid": valid.mean(axis=1),
            "valid_std": valid.std(axis=1, ddof=1),
        }
    )
