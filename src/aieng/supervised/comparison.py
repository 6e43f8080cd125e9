"""``compare(frame, target=..., config=...)``: the whole model comparison as one function.

1. check the target, choose the feature columns, hold out a test split (stratified);
2. cross-validate every candidate on the same repeated k folds, train and validation scores;
3. rank them, and test whether the winner really beats the runner-up (corrected t-test);
4. measure the domain features: the same folds with and without them;
5. learning curve of the winner, validation curve of a tree over its depth;
6. fit the winner on all training rows and score it *once* on the test split; permutation
   importance there; for classification, the decision threshold worth the most money.

A wide table (more feature columns than ``config.max_features``) gets a screen as the first step
of every Pipeline (:mod:`aieng.supervised.screen`): each fit keeps the columns that best predict
the target on its own training rows, so the work stays bounded and the scores stay honest.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
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
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from aieng.errors import DataError
from aieng.supervised import evaluate
from aieng.supervised.candidates import TWINS, label, make_estimator
from aieng.supervised.config import CompareConfig, Task
from aieng.supervised.evaluate import PairedTest
from aieng.supervised.features import build_pipeline, has_churn_columns, select_features
from aieng.supervised.target import Target, check_class_sizes, prepare_target
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


@dataclass
class Comparison:
    """Everything a comparison found; :func:`aieng.supervised.report.build_report` draws it."""

    target: Target
    config: CompareConfig
    notes: list[str]  # decisions taken on the data, in plain words
    features: list[str]  # the columns the models see (before the domain features)
    n_train: int
    n_test: int
    scores: pd.DataFrame  # fold × metric × model: train and valid (evaluate.fold_scores)
    leaderboard: pd.DataFrame  # one row per model, best first (evaluate.leaderboard)
    names: dict[str, str]  # model label -> candidate name
    winner: str  # label of the best model by the primary metric
    pipeline: Any  # the winner's Pipeline, fitted on every training row
    top_two: PairedTest | None  # winner against the runner-up (the best non-twin model)
    twins: PairedTest | None  # scikit-learn's linear model against ours (month 3)
    test_scores: dict[str, float]  # the winner on the untouched test split
    y_test: np.ndarray  # (n_test,)
    test_output: np.ndarray  # (n_test,) P(positive) for classification, prediction otherwise
    learning: pd.DataFrame  # train_size, train, valid (mean), valid_std
    depth: pd.DataFrame  # max_depth, train, valid, valid_std
    importance: pd.DataFrame  # feature, mean, std (drop of the primary metric when shuffled)
    domain: bool  # whether the domain features were used
    feature_tests: list[FeatureTest] = field(default_factory=list)
    threshold: ThresholdChoice | None = None
    screen: int = 0  # columns each model keeps on a wide table (0: every feature column)

    @property
    def task(self) -> Task:
        """ "classification" or "regression"."""
        return self.target.task

    @property
    def primary(self) -> str:
        """The metric models are ranked by."""
        return evaluate.PRIMARY[self.target.task]


def compare(
    frame: pd.DataFrame,
    *,
    target: str,
    config: CompareConfig | None = None,
    held_out: pd.Index | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare the configured candidates on ``frame`` (not modified) to predict ``target``.

    ``held_out``: the index labels of the test rows, when the caller split already (month 6
    saves its split); ``config.test_size`` is then unused. None: a stratified split here.
    """
    config = config or CompareConfig()
    step = progress or (lambda _: None)
    # OpenMP (HistGradientBoosting, LightGBM) and BLAS take every core by default; capped so a
    # shared 2-core machine is not oversubscribed by nested parallelism.
    with threadpool_limits(limits=config.n_jobs), warnings.catch_warnings():
        # Our gradient descent may stop at max_iter on a small learning-curve subset; its
        # scores still count, and the report shows them, so the warning is not repeated.
        warnings.filterwarnings("ignore", message=".*max_iter.*")
        return _compare(frame, target, config, held_out, step)


def _compare(
    frame: pd.DataFrame,
    target_name: str,
    config: CompareConfig,
    held_out: pd.Index | None,
    step: Progress,
) -> Comparison:
    tgt = prepare_target(frame, target_name, task=config.task, positive_class=config.positive_class)
    task = tgt.task
    X, notes = select_features(frame.loc[tgt.y.index], target=target_name, drop=config.drop)
    notes = [*tgt.notes, *notes]
    if X.shape[1] == 0:
        raise DataError(
            f"no feature column is left to predict {target_name!r} from",
            hint="the table needs columns besides the target that are not constant, missing "
            "or dropped; check --drop and the notes above.",
        )
    check_class_sizes(tgt, None, folds=config.folds)
    if held_out is None:
        stratify = tgt.y if task == "classification" else None
        X_train, X_test, y_train, y_test = train_test_split(
            X, tgt.y, test_size=config.test_size, random_state=config.seed, stratify=stratify
        )
    else:
        in_test = X.index.isin(held_out)
        if in_test.all() or not in_test.any():
            raise DataError(
                f"the held-out rows leave {int((~in_test).sum())} rows to train on and "
                f"{int(in_test.sum())} to test on",
                hint="pass the index labels of some, not all, of the table's rows.",
            )
        X_train, X_test = X[~in_test], X[in_test]
        y_train, y_test = tgt.y[~in_test], tgt.y[in_test]
    check_class_sizes(tgt, y_train, folds=config.folds)
    domain = config.domain_features and has_churn_columns(X)
    if domain:
        notes.append("Domain features added: charges_per_month, charge_increase, n_services.")
    screen = config.max_features if X.shape[1] > config.max_features else 0
    notes += wide_notes(X.shape[1], len(X_train), screen)

    def pipeline(name: str, *, with_domain: bool = domain) -> Any:
        model = make_estimator(name, task, seed=config.seed, n_jobs=config.n_jobs)
        return build_pipeline(model, domain=with_domain, screen=screen)

    cv = evaluate.splitter(task, folds=config.folds, repeats=config.repeats, seed=config.seed)
    names = {label(n, task): n for n in config.candidates}
    parts = []
    for shown, name in names.items():
        step(f"cross-validating {shown}")
        part = evaluate.fold_scores(pipeline(name), X_train, y_train, task=task, cv=cv)
        parts.append(part.assign(model=shown))
    scores = pd.concat(parts, ignore_index=True)
    board = evaluate.leaderboard(scores, task=task)
    winner = str(board["model"].iloc[0])
    primary = evaluate.PRIMARY[task]
    n_fit = round(len(X_train) * (config.folds - 1) / config.folds)
    n_val = len(X_train) - n_fit
    ranked = [str(m) for m in board["model"]]
    # The runner-up is the best *other* model: our month-3 estimator solves the same problem as
    # scikit-learn's, so the two are twins and their contest is reported on its own (`twins`).
    others = [m for m in ranked[1:] if names[m] != TWINS.get(names[winner])]
    top_two = None
    if others:
        top_two = evaluate.compare_pair(
            scores, winner, others[0], task=task, metric=primary, n_train=n_fit, n_test=n_val
        )
    twins = None
    ours, theirs = label("scratch_linear", task), label("linear", task)
    if ours in names and theirs in names:
        twins = evaluate.compare_pair(
            scores, theirs, ours, task=task, metric=primary, n_train=n_fit, n_test=n_val
        )

    feature_tests = []
    if domain:
        # The winner, and the best model of the other kind (linear vs trees): engineered
        # features help a linear model and a tree ensemble in different ways.
        linear = {"linear", "scratch_linear"}
        other = [
            m
            for m in ranked
            if names[m] != "dummy" and (names[m] in linear) != (names[winner] in linear)
        ]
        for shown in [winner, *other[:1]]:
            step(f"{shown} without the domain features")
            without = evaluate.fold_scores(
                pipeline(names[shown], with_domain=False), X_train, y_train, task=task, cv=cv
            )
            pair = pd.concat(
                [
                    scores[scores["model"] == shown].assign(model="with"),
                    without.assign(model="without"),
                ]
            )
            test = evaluate.compare_pair(
                pair, "with", "without", task=task, metric=primary, n_train=n_fit, n_test=n_val
            )
            main = pair[pair["metric"] == primary].sort_values("fold")
            w = tuple(float(v) for v in main[main["model"] == "with"]["valid"])
            wo = tuple(float(v) for v in main[main["model"] == "without"]["valid"])
            feature_tests.append(
                FeatureTest(shown, float(np.mean(w)), float(np.mean(wo)), test, w, wo)
            )

    simple_cv: Any = (
        StratifiedKFold(config.folds, shuffle=True, random_state=config.seed)
        if task == "classification"
        else KFold(config.folds, shuffle=True, random_state=config.seed)
    )
    scorer = get_scorer(evaluate.metrics_for(task)[primary][0])
    sign = sign_of(task, primary)
    best = pipeline(names[winner])
    step(f"learning curve of {winner}")
    sizes, tr, va = learning_curve(
        clone(best),
        X_train,
        y_train,
        cv=simple_cv,
        scoring=scorer,
        train_sizes=np.linspace(0.1, 1.0, config.learning_curve_points),
    )
    learning = _curve_frame("train_size", sizes, sign * tr, sign * va)
    step("validation curve over tree depth")
    tr, va = validation_curve(
        pipeline("tree"),
        X_train,
        y_train,
        cv=simple_cv,
        scoring=scorer,
        param_name="model__max_depth",
        param_range=list(config.tree_depths),
    )
    depth = _curve_frame("max_depth", np.array(config.tree_depths), sign * tr, sign * va)

    step(f"fitting {winner} and scoring it once on the test split")
    best.fit(X_train, y_train)
    test_scores = evaluate.held_out_scores(best, X_test, y_test, task=task)
    y_true = y_test.to_numpy()
    if task == "classification":
        output = best.predict_proba(X_test)[:, 1]
    else:
        output = np.asarray(best.predict(X_test), dtype=float)
    # Each shuffle costs a prediction that reads every column: all columns would be quadratic
    # work. On a wide table only the screened columns are shuffled; the model never sees the
    # others, so shuffling them could not change its score (their importance is exactly 0).
    shuffled = X_test[best.named_steps["screen"].columns_] if screen else X_test
    step(
        f"permutation importance on the test split ({shuffled.shape[1]:,} columns × "
        f"{config.permutation_repeats} shuffles)"
    )
    perm = permutation_importance(
        best,
        shuffled,
        y_test,
        scoring=scorer,
        n_repeats=config.permutation_repeats,
        random_state=config.seed,
    )
    importance = pd.DataFrame(
        {"feature": shuffled.columns, "mean": perm.importances_mean, "std": perm.importances_std}
    ).sort_values("mean", ascending=False, ignore_index=True)

    threshold = None
    if task == "classification":
        step("choosing the decision threshold")
        oof = cross_val_predict(
            clone(best), X_train, y_train, cv=simple_cv, method="predict_proba"
        )[:, 1]
        threshold = choose_threshold(y_train.to_numpy(), oof, y_true, output, config.business)
    return Comparison(
        target=tgt,
        config=config,
        notes=notes,
        features=list(X.columns),
        n_train=len(X_train),
        n_test=len(X_test),
        scores=scores,
        leaderboard=board,
        names=names,
        winner=winner,
        pipeline=best,
        top_two=top_two,
        twins=twins,
        test_scores=test_scores,
        y_test=y_true,
        test_output=output,
        learning=learning,
        depth=depth,
        importance=importance,
        domain=domain,
        feature_tests=feature_tests,
        threshold=threshold,
        screen=screen,
    )


def wide_notes(n_columns: int, n_train: int, screen: int) -> list[str]:
    """What a comparison says about a table with many columns (nothing for a narrow one)."""
    notes = []
    if screen:
        notes.append(
            f"Wide table: {n_columns:,} feature columns. Each model sees only the {screen} that "
            "best predict the target on their own (adjusted R²), chosen again inside every fold "
            "from that fold's training rows; set max_features in a config file to change "
            f"{screen}."
        )
    seen = screen or n_columns  # the columns a model is fitted on
    if seen >= n_train:
        notes.append(
            f"As many columns as training rows or more ({seen:,} for {n_train:,}): a model can "
            "fit noise perfectly here; trust the validation and test scores, not the training "
            "scores, and expect wide error bars."
        )
    return notes


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
