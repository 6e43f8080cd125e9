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
    factory: Callable[[int, int], Any] = (
        _CLASSIFIERS[name] if task == "classification" else _REGRESSORS[name]
    )
    return factory(seed, n_jobs)


def _dummy_c(seed: int, n_jobs: int) -> Any:
    from sklearn.dummy import DummyClassifier

    return DummyClassifier(strategy="prior")  # predicts the majority, probabilities = shares


def _linear_c(seed: int, n_jobs: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=2000)


def _scratch_c(seed: int, n_jobs: int) -> Any:
    from aieng.scratch import LogisticRegression

    # alpha 1e-3 on the mean loss ≈ sklearn's C = 1 / (1e-3 · n): light, and it makes gradient
    # descent converge instead of hitting max_iter. tol 1e-7 stops it after about 1,100 steps on
    # churn (1e-8 takes 1,700) with the training ROC-AUC equal to 4 decimals.
    return LogisticRegression(alpha=1e-3, max_iter=3000, tol=1e-7, random_state=seed)


def _tree_c(seed: int, n_jobs: int) -> Any:
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(random_state=seed)


def _forest_c(seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(
        n_estimators=100, min_samples_leaf=5, n_jobs=n_jobs, random_state=seed
    )


def _hgb_c(seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=15, early_stopping=False, random_state=seed
    )


def _lgbm_c(seed: int, n_jobs: int) -> Any:
    from lightgbm import LGBMClassifier

    return LGBMClassifier(
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


def _dummy_r(seed: int, n_jobs: int) -> Any:
    from sklearn.dummy import DummyRegressor

    return DummyRegressor(strategy="mean")


def _linear_r(seed: int, n_jobs: int) -> Any:
    from sklearn.linear_model import LinearRegression

    return LinearRegression()


def _scratch_r(seed: int, n_jobs: int) -> Any:
    from aieng.scratch import LinearRegression

    return LinearRegression(solver="closed_form", random_state=seed)


def _tree_r(seed: int, n_jobs: int) -> Any:
    from sklearn.tree import DecisionTreeRegressor

    return DecisionTreeRegressor(random_state=seed)


def _forest_r(seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import RandomForestRegressor

    return RandomForestRegressor(
        n_estimators=100, min_samples_leaf=5, n_jobs=n_jobs, random_state=seed
    )


def _hgb_r(seed: int, n_jobs: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=15, early_stopping=False, random_state=seed
    )


def _lgbm_r(seed: int, n_jobs: int) -> Any:
    from lightgbm import LGBMRegressor

    return LGBMRegressor(
        n_estimators=200,
        learning_rate=0.05,
        num_leaves=15,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.8,
        n_jobs=n_jobs,
        random_state=seed,
        verbose=-1,
    )


_CLASSIFIERS: dict[str, Callable[[int, int], Any]] = {
    "dummy": _dummy_c,
    "linear": _linear_c,
    "scratch_linear": _scratch_c,
    "tree": _tree_c,
    "forest": _forest_c,
    "hist_gradient_boosting": _hgb_c,
    "lightgbm": _lgbm_c,
}
_REGRESSORS: dict[str, Callable[[int, int], Any]] = {
    "dummy": _dummy_r,
    "linear": _linear_r,
    "scratch_linear": _scratch_r,
    "tree": _tree_r,
    "forest": _forest_r,
    "hist_gradient_boosting": _hgb_r,
    "lightgbm": _lgbm_r,
}
