"""Linear regression from scratch: closed form, batch gradient descent and mini-batch SGD.

The model is ``ŷ = X w + b`` and the loss we minimise is half the mean squared error plus an
L2 (ridge) penalty on the slopes — never on the intercept::

    loss(w, b) = (‖y - X w - b‖² + alpha ‖w‖²) / (2 n)

It is sklearn's ``Ridge`` objective ``‖y - X w - b‖² + alpha ‖w‖²`` divided by ``2 n``, so it has
the same minimiser and ``alpha`` means the same thing. The ``1/n`` keeps the gradient's size
independent of the number of rows (one learning rate fits every data set); the ``1/2`` cancels
the 2 of the derivative.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from aieng.scratch._common import (
    Array,
    Descent,
    DivergenceError,
    DivergenceWatch,
    check_choice,
    check_number,
    fit_scaling,
    gradient_descent,
    unscale,
    validate,
)

__all__ = ["DivergenceError", "LinearRegression", "loss_and_gradient"]

SOLVERS = ("closed_form", "gd", "sgd")
SCHEDULES = ("constant", "invscaling")


def loss_and_gradient(
    w: Array, b: float, X: Array, y: Array, alpha: float
) -> tuple[float, Array, float]:
    """Ridge loss ``(‖y - Xw - b‖² + alpha‖w‖²) / 2n`` and its exact gradient.

    Parameters: ``w`` (n_features,), ``b`` scalar, ``X`` (n_samples, n_features),
    ``y`` (n_samples,), ``alpha`` ≥ 0. Returns ``(loss, dloss/dw (n_features,), dloss/db)``.
    """
    n = X.shape[0]
    residual = y - X @ w - b  # (n_samples,)
    loss = (residual @ residual + alpha * (w @ w)) / (2 * n)
    # d/dw ½‖y - Xw - b‖² = -Xᵀ r: each feature's correlation with what is still unexplained.
    grad_w = (-(X.T @ residual) + alpha * w) / n  # (n_features,)
    grad_b = -float(residual.sum()) / n  # the intercept only sees the mean residual
    return float(loss), grad_w, grad_b


class LinearRegression(RegressorMixin, BaseEstimator):  # type: ignore[misc]
    """Least-squares linear regression, optionally ridge-penalised, solved three ways.

    Parameters
    ----------
    solver : "closed_form" (``np.linalg.lstsq``), "gd" (full-batch gradient descent) or
        "sgd" (mini-batch stochastic gradient descent).
    alpha : L2 strength ≥ 0, on the coefficients *the solver sees*: with ``standardize=False``
        exactly sklearn's ``Ridge(alpha)``; with ``standardize=True`` (the default) the penalty is
        on the standardized features' coefficients, like glmnet — equal to
        ``Ridge(alpha)`` fitted on ``StandardScaler().fit_transform(X)``, mapped back by dividing
        by each column's standard deviation. That way the penalty does not depend on the units
        of the features. ``alpha=0`` gives ordinary least squares either way.
    fit_intercept : learn ``b`` (unpenalised). We center X and y so the slopes and the
        intercept separate.
    standardize : scale each column to unit standard deviation inside ``fit`` (root mean
        square without an intercept); ``coef_`` is always reported on the original scale.
        Gradient descent needs it: its step must stay below ``2/L`` (L the largest curvature)
        while progress along the flattest direction goes like ``learning_rate × μ`` (μ the
        smallest), so the epochs needed grow with the condition number ``L/μ`` — which raw
        features in different units (age in years, income in dollars) make huge.
    learning_rate : step size of "gd" and "sgd" (η₀ of the schedule).
    max_iter : epochs (full passes over the data) for "gd" and "sgd".
    tol : stop once an epoch lowers the loss by less than ``tol`` (absolute, in y² units).
    batch_size : rows per "sgd" update.
    lr_schedule : "sgd" only. "constant" keeps η₀; "invscaling" uses
        ``η_t = η₀ / (1 + lr_decay · t)``, t = epochs completed. A decaying step quiets the
        noise of mini-batch gradients so the iterates settle on the minimum; the sum of steps
        still diverges (Robbins–Monro), so the minimum is still reached.
    lr_decay : the decay rate of "invscaling" per epoch.
    random_state : seed of the "sgd" shuffling (int, RandomState or None).

    Attributes
    ----------
    coef_ : (n_features,) slopes on the original features.
    intercept_ : float.
    n_iter_ : epochs run (1 for the closed form).
    loss_history_ : loss (the solver-space objective above) after each epoch; one value for the
        closed form.
    n_features_in_ : number of columns seen in ``fit``.

    Raises
    ------
    DivergenceError : the loss of "gd"/"sgd" became non-finite or grew a millionfold;
        ``exc.loss_history`` holds the partial curve.
    """

    def __init__(
        self,
        *,
        solver: str = "closed_form",
        alpha: float = 0.0,
        fit_intercept: bool = True,
        standardize: bool = True,
        learning_rate: float = 0.1,
        max_iter: int = 1000,
        tol: float = 1e-8,
        batch_size: int = 32,
        lr_schedule: str = "constant",
        lr_decay: float = 0.1,
        random_state: Any = None,
    ) -> None:
        self.solver = solver
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.standardize = standardize
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.batch_size = batch_size
        self.lr_schedule = lr_schedule
        self.lr_decay = lr_decay
        self.random_state = random_state

    def _check_params(self) -> None:
        check_choice("solver", self.solver, SOLVERS)
        check_choice("lr_schedule", self.lr_schedule, SCHEDULES)
        check_number("alpha", self.alpha, minimum=0)
        check_number("learning_rate", self.learning_rate, minimum=0, strict=True)
        check_number("max_iter", self.max_iter, minimum=1, integer=True)
        check_number("tol", self.tol, minimum=0)
        check_number("batch_size", self.batch_size, minimum=1, integer=True)
        check_number("lr_decay", self.lr_decay, minimum=0)

    def fit(self, X: Any, y: Any) -> LinearRegression:
        """Fit on ``X`` (n_samples, n_features) and ``y`` (n_samples,); returns ``self``."""
        self._check_params()
        X, y = validate(self, X, y, reset=True, y_numeric=True)
        scaling = fit_scaling(X, fit_intercept=self.fit_intercept, standardize=self.standardize)
        # New arrays: the caller's X and y are never written to.
        X_s = (X - scaling.offset) / scaling.scale  # (n_samples, n_features)
        y_offset = float(y.mean()) if self.fit_intercept else 0.0
        y_c = y - y_offset  # (n_samples,)

        if self.solver == "closed_form":
            w = _solve_least_squares(X_s, y_c, float(self.alpha))
            descent = Descent(w, 0.0, [loss_and_gradient(w, 0.0, X_s, y_c, self.alpha)[0]], True)
        elif self.solver == "gd":
            descent = gradient_descent(
                lambda w, b: loss_and_gradient(w, b, X_s, y_c, self.alpha),
                X_s.shape[1],
                fit_intercept=self.fit_intercept,
                learning_rate=self.learning_rate,
                max_iter=self.max_iter,
                tol=self.tol,
                curvature=lambda: _curvature(X_s, self.alpha),
            )
        else:
            descent = self._sgd(X_s, y_c)

        coef, intercept = unscale(descent.w, descent.b, scaling)
        self.coef_ = coef  # (n_features,)
        self.intercept_ = intercept + y_offset
        self.loss_history_ = descent.loss_history
        self.n_iter_ = len(descent.loss_history)
        if not descent.converged:
            warnings.warn(
                f"{self.solver} stopped after max_iter={self.max_iter} epochs with the loss "
                f"still changing by more than tol={self.tol:g}; increase max_iter or tune "
                "learning_rate (see loss_history_)",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def _sgd(self, X: Array, y: Array) -> Descent:
        """Mini-batch SGD on standardized ``X`` (n_samples, n_features) and centered ``y``."""
        n, n_features = X.shape
        rng = check_random_state(self.random_state)
        w, b = np.zeros(n_features), 0.0  # (n_features,)
        start = loss_and_gradient(w, b, X, y, self.alpha)[0]
        watch = DivergenceWatch(start, self.learning_rate, lambda: _curvature(X, self.alpha))
        history: list[float] = []
        previous = start
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(self.max_iter):
                eta = self.learning_rate
                if self.lr_schedule == "invscaling":
                    eta /= 1.0 + self.lr_decay * epoch
                # Reshuffle every epoch: each row is used once per pass, in a fresh order.
                order = rng.permutation(n)  # (n_samples,)
                for first in range(0, n, self.batch_size):
                    rows = order[first : first + self.batch_size]  # (batch,)
                    # The penalty is spread over the rows: a batch carries its share, batch/n,
                    # so the batch gradient is an unbiased estimate of the full one.
                    _, grad_w, grad_b = loss_and_gradient(
                        w, b, X[rows], y[rows], self.alpha * len(rows) / n
                    )
                    w = w - eta * grad_w
                    if self.fit_intercept:
                        b = b - eta * grad_b
                loss = loss_and_gradient(w, b, X, y, self.alpha)[0]  # full loss, once per epoch
                history.append(loss)
                watch.check(loss, epoch + 1, history)
                if 0 <= previous - loss < self.tol:
                    return Descent(w, b, history, True)
                previous = loss
        return Descent(w, b, history, False)

    def predict(self, X: Any) -> Array:
        """Predictions (n_samples,) for ``X`` (n_samples, n_features)."""
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        return X @ self.coef_ + self.intercept_  # type: ignore[no-any-return]


def _solve_least_squares(X: Array, y: Array, alpha: float) -> Array:
    """Minimise ``‖y - Xw‖² + alpha‖w‖²`` for ``X`` (n_samples, n_features); returns w.

    Not ``inv(XᵀX) Xᵀy``: forming ``XᵀX`` squares the condition number (κ(XᵀX) = κ(X)²), so
    with κ(X) = 1e8 the normal equations lose all 16 digits, and inverting is slower and less
    stable than solving. ``lstsq`` works on X itself (SVD) and returns the minimum-norm
    solution when columns are collinear instead of failing.

    Ridge is least squares on an augmented system: stacking ``sqrt(alpha)·I`` under X and
    zeros under y adds exactly ``alpha‖w‖²`` to the squared residual. The intercept is not in
    X (y and X are centered), so it is never penalised.
    """
    n_features = X.shape[1]
    if alpha > 0:
        X = np.vstack([X, math.sqrt(alpha) * np.eye(n_features)])  # (n + n_features, n_features)
        y = np.concatenate([y, np.zeros(n_features)])  # (n + n_features,)
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w.astype(np.float64, copy=False)


def _curvature(X: Array, alpha: float) -> float:
    """Largest eigenvalue of the loss's Hessian ``(XᵀX + alpha·I) / n`` (the constant L)."""
    n = X.shape[0]
    return float(np.linalg.eigvalsh(X.T @ X / n)[-1] + alpha / n)
