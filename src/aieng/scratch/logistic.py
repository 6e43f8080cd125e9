"""Binary logistic regression from scratch, by full-batch gradient descent.

The model is ``P(y = 1 | x) = σ(x·w + b)`` with ``σ(z) = 1 / (1 + e^{-z})``, and the loss is the
mean log-loss (cross-entropy) plus an L2 penalty on the slopes::

    loss(w, b) = mean(log(1 + e^{z}) - y z) + alpha/2 ‖w‖²,   z = X w + b,  y ∈ {0, 1}

``log(1 + e^{z})`` is computed as ``np.logaddexp(0, z)``: the naive form overflows for z > 709
(``e^{710}`` is inf) and loses every digit of ``1 + e^{z}`` for z < -37.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted

from aieng.scratch._common import (
    Array,
    InputDataError,
    check_number,
    fit_scaling,
    gradient_descent,
    unscale,
    validate,
)

__all__ = ["LogisticRegression", "log_loss_and_gradient", "sigmoid"]


def sigmoid(z: Array) -> Array:
    """``1 / (1 + e^{-z})`` for ``z`` (n_samples,) as ``exp(-log(1 + e^{-z}))``: cannot overflow."""
    return np.exp(-np.logaddexp(0.0, -z))


def log_loss_and_gradient(
    w: Array, b: float, X: Array, y: Array, alpha: float
) -> tuple[float, Array, float]:
    """Penalised mean log-loss and its exact gradient.

    Parameters: ``w`` (n_features,), ``b`` scalar, ``X`` (n_samples, n_features),
    ``y`` (n_samples,) of 0/1, ``alpha`` ≥ 0. Returns ``(loss, dloss/dw (n_features,), dloss/db)``.
    """
    n = X.shape[0]
    z = X @ w + b  # (n_samples,) log-odds
    # -[y log σ(z) + (1-y) log(1-σ(z))] simplifies to log(1 + e^z) - y z.
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * alpha * (w @ w)
    # d/dz of that is σ(z) - y: the same "prediction minus target" as least squares.
    error = sigmoid(z) - y  # (n_samples,)
    grad_w = X.T @ error / n + alpha * w  # (n_features,)
    return float(loss), grad_w, float(error.mean())


class LogisticRegression(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Binary logistic regression with an L2 penalty, fitted by gradient descent.

    Binary only: a target with more than two classes raises
    :class:`~aieng.scratch._common.InputDataError` (a ``ValueError``). One-vs-rest is a
    wrapper away (``sklearn.multiclass.OneVsRestClassifier(LogisticRegression())``).

    Parameters
    ----------
    alpha : L2 strength ≥ 0 on the mean loss above. sklearn's ``LogisticRegression`` minimises
        ``C · Σ log-loss + ½‖w‖²``; dividing by ``C · n`` shows the two agree when
        ``C = 1 / (alpha · n_samples)``. As in our ``LinearRegression``, with
        ``standardize=True`` the penalty is on the coefficients of the standardized features
        (compare with sklearn fitted on ``StandardScaler``-ed X), with ``standardize=False``
        on the raw ones.
    fit_intercept : learn the unpenalised ``b``.
    standardize : scale the features to unit standard deviation inside ``fit`` so one
        learning rate suits every direction (see ``LinearRegression``); ``coef_`` is reported
        on the original scale.
    learning_rate : gradient-descent step. The log-loss's curvature is at most
        ``λ_max(XᵀX/n)/4 + alpha`` (σ' ≤ 1/4), and the step must stay below 2 over it.
    max_iter : gradient-descent iterations (epochs).
    tol : stop once an iteration lowers the loss by less than ``tol`` (absolute).
    random_state : unused (gradient descent from zero is deterministic); kept so the
        estimator has the same parameters as its sklearn counterparts.

    Attributes
    ----------
    classes_ : (2,) the labels; ``classes_[1]`` is the "positive" class.
    coef_ : (n_features,) slopes on the original features.  intercept_ : float.
    n_iter_, loss_history_, n_features_in_ : as in ``LinearRegression``.
    """

    def __init__(
        self,
        *,
        alpha: float = 1.0,
        fit_intercept: bool = True,
        standardize: bool = True,
        learning_rate: float = 0.5,
        max_iter: int = 5000,
        tol: float = 1e-10,
        random_state: Any = None,
    ) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.standardize = standardize
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # sklearn's checks then test binary only
        return tags

    def fit(self, X: Any, y: Any) -> LogisticRegression:
        """Fit on ``X`` (n_samples, n_features) and labels ``y`` (n_samples,); returns ``self``."""
        check_number("alpha", self.alpha, minimum=0)
        check_number("learning_rate", self.learning_rate, minimum=0, strict=True)
        check_number("max_iter", self.max_iter, minimum=1, integer=True)
        check_number("tol", self.tol, minimum=0)
        X, y = validate(self, X, y, reset=True)
        check_classification_targets(y)
        self.classes_ = np.unique(y)  # sorted, as sklearn orders them
        if len(self.classes_) != 2:
            kind = type_of_target(y, input_name="y")
            raise InputDataError(
                "Only binary classification is supported. The type of the target is "
                f"{kind}, with {len(self.classes_)} class(es): {self.classes_[:5].tolist()}",
                hint="give y exactly two classes; for more, wrap the model in "
                "sklearn.multiclass.OneVsRestClassifier",
            )
        y01 = (y == self.classes_[1]).astype(np.float64)  # (n_samples,) 1 for the positive class

        scaling = fit_scaling(X, fit_intercept=self.fit_intercept, standardize=self.standardize)
        X_s = (X - scaling.offset) / scaling.scale  # (n_samples, n_features), a new array
        n = X_s.shape[0]
        descent = gradient_descent(
            lambda w, b: log_loss_and_gradient(w, b, X_s, y01, self.alpha),
            X_s.shape[1],
            fit_intercept=self.fit_intercept,
            learning_rate=self.learning_rate,
            max_iter=self.max_iter,
            tol=self.tol,
            curvature=lambda: float(np.linalg.eigvalsh(X_s.T @ X_s / n)[-1] / 4 + self.alpha),
        )
        self.coef_, self.intercept_ = unscale(descent.w, descent.b, scaling)
        self.loss_history_ = descent.loss_history
        self.n_iter_ = len(descent.loss_history)
        if not descent.converged:
            warnings.warn(
                f"gradient descent stopped after max_iter={self.max_iter} iterations with the "
                f"loss still changing by more than tol={self.tol:g}; increase max_iter or "
                "alpha (a stronger penalty makes the loss rounder and descent faster)",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def decision_function(self, X: Any) -> Array:
        """Log-odds ``x·w + b`` of the positive class, (n_samples,)."""
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        return X @ self.coef_ + self.intercept_  # type: ignore[no-any-return]

    def predict_proba(self, X: Any) -> Array:
        """Class probabilities (n_samples, 2), columns in the order of ``classes_``."""
        p = sigmoid(self.decision_function(X))  # (n_samples,)
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> Any:
        """Predicted labels (n_samples,): the positive class where the log-odds are > 0."""
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
