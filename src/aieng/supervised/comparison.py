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
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from aieng.errors import DataError
from aieng.supervised import evaluate, steps
from aieng.supervised.candidates import label
from aieng.supervised.config import CompareConfig, Task
from aieng.supervised.evaluate import PairedTest
from aieng.supervised.features import has_churn_columns, select_features
from aieng.supervised.steps import FeatureTest, Progress
from aieng.supervised.target import Target, check_class_sizes, prepare_target
from aieng.supervised.threshold import ThresholdChoice

__all__ = ["Comparison", "FeatureTest", "Progress", "compare", "wide_notes"]


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
    """The steps of the module docstring, in order (each is a function of :mod:`.steps`)."""
    tgt = prepare_target(frame, target_name, task=config.task, positive_class=config.positive_class)
    X, notes = select_features(frame.loc[tgt.y.index], target=target_name, drop=config.drop)
    notes = [*tgt.notes, *notes]
    if X.shape[1] == 0:
        raise DataError(
            f"no feature column is left to predict {target_name!r} from",
            hint="the table needs columns besides the target that are not constant, missing "
            "or dropped; check --drop and the notes above.",
        )
    check_class_sizes(tgt, None, folds=config.folds)
    X_train, X_test, y_train, y_test = steps.hold_out(X, tgt, config, held_out)
    check_class_sizes(tgt, y_train, folds=config.folds)
    domain = config.domain_features and has_churn_columns(X)
    if domain:
        notes.append("Domain features added: charges_per_month, charge_increase, n_services.")
    screen = config.max_features if X.shape[1] > config.max_features else 0
    notes += wide_notes(X.shape[1], len(X_train), screen)
    names = {label(n, tgt.task): n for n in config.candidates}
    s = steps.Setup(tgt.task, config, X_train, y_train, names, domain, screen, step)

    scores, board, winner = steps.cross_validate(s)
    ranked = [str(m) for m in board["model"]]
    top_two, twins = steps.paired_tests(s, scores, ranked, winner)
    feature_tests = steps.feature_tests(s, scores, ranked, winner)
    learning, depth = steps.curves(s, winner)
    held = steps.score_once(s, winner, X_test, y_test)
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
        pipeline=held.pipeline,
        top_two=top_two,
        twins=twins,
        test_scores=held.scores,
        y_test=held.y_true,
        test_output=held.output,
        learning=learning,
        depth=depth,
        importance=held.importance,
        domain=domain,
        feature_tests=feature_tests,
        threshold=steps.threshold(s, held),
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
