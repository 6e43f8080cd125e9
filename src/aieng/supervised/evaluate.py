"""Cross-validated scores per fold, the leaderboard, and the corrected resampled t-test.

Every candidate is scored on *the same* folds (one splitter with a fixed seed), so two models'
scores on fold j are a pair: the difference on each fold removes the fold's own difficulty, which
is what makes the paired test below far sharper than comparing two means with error bars.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import get_scorer, make_scorer, precision_score
from sklearn.model_selection import (
    BaseCrossValidator,
    RepeatedKFold,
    RepeatedStratifiedKFold,
    cross_validate,
)

from aieng.supervised.config import Task

# metric -> (sklearn scorer, higher is better). sklearn scorers are "greater is better", so
# errors come negated ("neg_…"); fold_scores flips them back to their natural sign.
CLASSIFICATION_METRICS: dict[str, tuple[Any, bool]] = {
    "roc_auc": ("roc_auc", True),
    "pr_auc": ("average_precision", True),
    "log_loss": ("neg_log_loss", False),
    "accuracy": ("accuracy", True),
    # zero_division=0: the dummy model predicts no positive at all; its precision is 0, not a
    # warning per fold.
    "precision": (make_scorer(precision_score, zero_division=0), True),
    "recall": ("recall", True),
    "f1": ("f1", True),
}
REGRESSION_METRICS: dict[str, tuple[Any, bool]] = {
    "rmse": ("neg_root_mean_squared_error", False),
    "mae": ("neg_mean_absolute_error", False),
    "r2": ("r2", True),
}
# How each metric is written in reports.
NAMES = {
    "roc_auc": "ROC-AUC",
    "pr_auc": "PR-AUC",
    "log_loss": "log loss",
    "accuracy": "accuracy",
    "precision": "precision",
    "recall": "recall",
    "f1": "F1",
    "rmse": "RMSE",
    "mae": "MAE",
    "r2": "R²",
}
PRIMARY: dict[Task, str] = {"classification": "roc_auc", "regression": "rmse"}


def metrics_for(task: Task) -> dict[str, tuple[Any, bool]]:
    """The metrics reported for ``task``, primary first."""
    return CLASSIFICATION_METRICS if task == "classification" else REGRESSION_METRICS


def higher_is_better(task: Task, metric: str) -> bool:
    """Whether a larger value of ``metric`` is better."""
    return bool(metrics_for(task)[metric][1])


def held_out_scores(model: Any, X: pd.DataFrame, y: pd.Series, *, task: Task) -> dict[str, float]:
    """Every metric of ``task`` for a *fitted* ``model`` on ``(X, y)``, errors positive."""
    scores = {}
    for metric, (scorer, _) in metrics_for(task).items():
        value = float(get_scorer(scorer)(model, X, y))
        negated = isinstance(scorer, str) and scorer.startswith("neg_")
        scores[metric] = -value if negated else value
    return scores


def splitter(task: Task, *, folds: int, repeats: int, seed: int) -> BaseCrossValidator:
    """k folds repeated ``repeats`` times; stratified for classification (same class shares)."""
    if task == "classification":
        return RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    return RepeatedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)


def fold_scores(
    pipeline: Any, X: pd.DataFrame, y: pd.Series, *, task: Task, cv: BaseCrossValidator
) -> pd.DataFrame:
    """Score ``pipeline`` on every fold of ``cv``: one row per (fold, metric).

    Columns: ``fold`` (int), ``metric``, ``train`` (score on the rows it was fitted on),
    ``valid`` (on the held-out fold), ``fit_time`` (s). The train/valid gap is overfitting.
    """
    metrics = metrics_for(task)
    with warnings.catch_warnings():
        # Our gradient descent may stop at max_iter on a fold; its scores still count.
        warnings.filterwarnings("ignore", message=".*max_iter.*")
        raw = cross_validate(
            pipeline,
            X,
            y,
            cv=cv,
            scoring={name: scorer for name, (scorer, _) in metrics.items()},
            return_train_score=True,
            error_score="raise",
        )
    rows = []
    for name, (scorer, _) in metrics.items():
        sign = -1.0 if isinstance(scorer, str) and scorer.startswith("neg_") else 1.0
        for fold, (tr, va) in enumerate(
            zip(raw[f"train_{name}"], raw[f"test_{name}"], strict=True)
        ):
            rows.append(
                {
                    "fold": fold,
                    "metric": name,
                    "train": sign * float(tr),
                    "valid": sign * float(va),
                    "fit_time": float(raw["fit_time"][fold]),
                }
            )
    return pd.DataFrame(rows)


def leaderboard(scores: pd.DataFrame, *, task: Task) -> pd.DataFrame:
    """Mean ± std of every metric per model, best first by the primary metric.

    ``scores`` has the columns of :func:`fold_scores` plus ``model``. Returns one row per
    model: ``<metric>`` and ``<metric>_std`` (validation), ``<primary>_train`` and ``gap``
    (train − valid of the primary metric), ``fit_time``.
    """
    primary = PRIMARY[task]
    valid = scores.pivot_table(index="model", columns="metric", values="valid", aggfunc="mean")
    spread = scores.pivot_table(
        index="model", columns="metric", values="valid", aggfunc=lambda s: s.std(ddof=1)
    )
    order = [m for m in metrics_for(task) if m in valid.columns]
    board = pd.DataFrame(index=valid.index)
    for metric in order:
        board[metric] = valid[metric]
        board[f"{metric}_std"] = spread[metric]
    main = scores[scores["metric"] == primary].groupby("model")
    board[f"{primary}_train"] = main["train"].mean()
    board["gap"] = board[f"{primary}_train"] - board[primary]
    board["fit_time"] = main["fit_time"].mean()
    board = board.sort_values(primary, ascending=not higher_is_better(task, primary))
    board.index.name = "model"
    return board.reset_index()


@dataclass(frozen=True)
class PairedTest:
    """Nadeau–Bengio corrected resampled t-test of ``a`` against ``b`` on one metric."""

    a: str  # the better model by mean
    b: str
    metric: str
    differences: tuple[float, ...]  # how much better a is than b on each fold (J,)
    mean: float  # mean difference
    t: float
    p_value: float  # two-sided
    df: int  # folds − 1

    def significant(self, level: float = 0.05) -> bool:
        """Whether the difference is unlikely to be noise at ``level``."""
        return self.p_value < level


def corrected_ttest(
    differences: Sequence[float], *, n_train: int, n_test: int
) -> tuple[float, float, int]:
    """Nadeau & Bengio (2003) corrected resampled t-test; returns ``(t, p_two_sided, df)``.

    ``differences`` (J,) are one model's score minus the other's on each of J folds. The folds'
    training sets overlap, so the differences are positively correlated and the plain paired
    t-test (variance ``s²/J``) is far too confident. The correction inflates the variance to
    ``(1/J + n_test/n_train) · s²``, which accounts for that overlap:

        t = mean(d) / sqrt((1/J + n_test/n_train) · s²),   df = J − 1
    """
    d = np.asarray(differences, dtype=float)  # (J,)
    J = d.size
    if J < 2:
        raise ValueError(f"the t-test needs at least 2 folds, got {J}")
    mean = float(d.mean())
    variance = float(d.var(ddof=1))
    corrected = (1.0 / J + n_test / n_train) * variance
    if corrected == 0.0:  # identical models, or a constant gap on every fold
        return (0.0, 1.0, J - 1) if mean == 0.0 else (math.copysign(math.inf, mean), 0.0, J - 1)
    t = mean / math.sqrt(corrected)
    p = float(2.0 * stats.t.sf(abs(t), df=J - 1))
    return t, p, J - 1


def compare_pair(
    scores: pd.DataFrame,
    a: str,
    b: str,
    *,
    task: Task,
    metric: str,
    n_train: int,
    n_test: int,
) -> PairedTest:
    """The corrected t-test of models ``a`` and ``b`` (``model`` column of ``scores``)."""
    rows = scores[scores["metric"] == metric]
    sa = rows[rows["model"] == a].sort_values("fold")["valid"].to_numpy()
    sb = rows[rows["model"] == b].sort_values("fold")["valid"].to_numpy()
    diff = sa - sb  # (J,)
    if not higher_is_better(task, metric):
        diff = -diff  # positive = a is better, whatever the metric
    if diff.mean() < 0:
        a, b, diff = b, a, -diff
    t, p, df = corrected_ttest(diff, n_train=n_train, n_test=n_test)
    return PairedTest(a, b, metric, tuple(float(x) for x in diff), float(diff.mean()), t, p, df)
