"""The candidate models, by name: one factory per name and task, all seeded from one seed.

Sizes are modest on purpose (100 to 200 trees of at most 15 leaves): the comparison runs on a 2-core
laptop in about a minute per dataset, and on tables of a few thousand rows bigger ensembles buy
little. The decision tree is left unpruned, so the report can show what overfitting looks like
(perfect training scores) and the validation curve over its depth shows the cure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aieng.errors import unknown_name
from aieng.supervised.config import CANDIDATES, Task

# Shown in the report and the leaderboard.
LABELS: dict[str, dict[Task, str]] = {
    "dummy": {"classification": "dummy (class prior)", "regression": "dummy (mean)"},
    "linear": {
        "classification": "logistic regression (sklearn)",
        "regression": "linear regression (sklearn)",
    },
    "scratch_linear": {
        "classification": "logistic regression (ours, month 3)",
        "regression": "linear regression (ours, month 3)",
    },
    "tree": {"classification": "decision tree", "regression": "decision tree"},
    "forest": {"classification": "random forest", "regression": "random forest"},
    "hist_gradient_boosting": {
        "classification": "hist gradient boosting",
        "regression": "hist gradient boosting",
    },
    "lightgbm": {"classification": "LightGBM", "regression": "LightGBM"},
}

# Our month-3 estimator and scikit-learn's fit the same model: a contest between them checks our
# implementation, it does not choose a model.
TWINS: dict[str, str] = {"linear": "scratch_linear", "scratch_linear": "linear"}


def label(name: str, task: Task) -> str:
    """The human name of candidate ``name`` for ``task``."""
    return LABELS[name][task]


def make_estimator(name: str, task: Task, *, seed: int, n_jobs: int = 1) -> Any:
    """A fresh, unfitted estimator for candidate ``name`` (see ``config.CANDIDATES``)."""
    if name not in CANDIDATES:
        raise unknown_name("model", name, CANDIDATES, list_command="aieng compare --help")
    return _FACTORIES[name](task == "classification", seed, n_jobs)


# Each factory imports its library only when called: listing candidates stays instant.
# The linear models differ by task; the tree families take the same settings for both tasks.


def _dummy(classify: bool, seed: int, n_jobs: int) -> Any:
    from sklearn.dummy import DummyClassifier, DummyRegressor

    # The classifier predicts the majority class, with the class shares as probabilities.
    return DummyClassifier(strategy="prior") if classify else DummyRegressor(strategy="mean")


def _linear(classify: bool, seed: int, n_jobs: int) -> Any:
    from sklearn.linear_model import LinearRegression, LogisticRegression

    return LogisticRegression(max_iter=2000) if classify else LinearRegression()


def _scratch(classify: bool, seed: int, n_jobs: int) -> Any:
    from aieng.scratch import LinearRegression, LogisticRegression

    if not classify:
        return LinearRegression(solver="closed_form", random_state=seed)
    # alpha 1e-3 on the mean loss ≈ sklearn's C = 1 / (1e-3 · n): light, and it makes gradient
    # descent converge instead of hitting max_iter. tol 1e-7 stops it after about 1,100 steps on
    # churn (1e-8 takes 1,700) with the training ROC-AUC equal to 4 decimals.
    return LogisticRegression(alpha=1e-3, max_iter=3000, tol=1e-7, random_state=seed)


def _tree(classify: bool, seed: int, n_jobs: int) -> Any:
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    cls = DecisionTreeClassifier if classify else DecisionTreeRegressor
    return cls(random_state=seed)  # unpruned on purpose: the report shows it overfit


def _forest(classify: bool, seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    cls = RandomForestClassifier if classify else RandomForestRegressor
    return cls(n_estimators=100, min_samples_leaf=5, n_jobs=n_jobs, random_state=seed)


def _hist_gradient_boosting(classify: bool, seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    cls = HistGradientBoostingClassifier if classify else HistGradientBoostingRegressor
    return cls(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=15, early_stopping=False, random_state=seed
    )


def _lightgbm(classify: bool, seed: int, n_jobs: int) -> Any:
    from lightgbm import LGBMClassifier, LGBMRegressor

    cls = LGBMClassifier if classify else LGBMRegressor
    return cls(
        n_estimators=200,
        learning_rate=0.05,
        num_leaves=15,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.8,
        n_jobs=n_jobs,
        random_state=seed,
        verbose=-1,  # LightGBM prints per-fit warnings otherwise
    )


_FACTORIES: dict[str, Callable[[bool, int, int], Any]] = {
    "dummy": _dummy,
    "linear": _linear,
    "scratch_linear": _scratch,
    "tree": _tree,
    "forest": _forest,
    "hist_gradient_boosting": _hist_gradient_boosting,
    "lightgbm": _lightgbm,
}
