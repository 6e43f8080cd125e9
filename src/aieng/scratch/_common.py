"""What the from-scratch estimators share: input checks, feature scaling and the descent loop.

Kept apart from the maths so that ``linear.py``, ``logistic.py`` and ``pca.py`` each read as one
lesson. Nothing here is specific to one model: the loss is passed in as a function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from sklearn.utils.validation import validate_data

from aieng.errors import AiengError, DataError, UsageError

Array = npt.NDArray[np.float64]
# loss(w, b) -> (loss, d loss / d w  (n_features,), d loss / d b)
LossAndGradient = Callable[[Array, float], tuple[float, Array, float]]

# A loss more than this many times its starting value means the steps overshoot, not noise.
DIVERGENCE_FACTOR = 1e6


class ParameterError(UsageError, ValueError):
    """A constructor parameter has an invalid value (also a ``ValueError``, as sklearn expects)."""


class InputDataError(DataError, ValueError):
    """``X`` or ``y`` cannot be used (NaN, wrong shape, ...); also a ``ValueError`` for sklearn."""


class DivergenceError(AiengError):
    """Gradient descent blew up: the learning rate is too large for the loss's curvature.

    ``loss_history`` holds the loss after each epoch up to the divergence, so a report can plot
    the curve that went wrong instead of crashing.
    """

    def __init__(self, message: str, *, hint: str, loss_history: list[float]) -> None:
        super().__init__(message, hint=hint)
        self.loss_history = loss_history


def check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    """Raise :class:`ParameterError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise ParameterError(
            f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}",
            hint=f"pass {name}={choices[0]!r} (the default) or another listed value",
        )


def check_number(
    name: str, value: object, *, minimum: float, strict: bool = False, integer: bool = False
) -> None:
    """Raise :class:`ParameterError` unless ``value`` is a real (or integer) number ≥ minimum.

    ``strict=True`` means the minimum itself is refused (``> minimum``).
    """
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    ok = isinstance(value, kinds) and not isinstance(value, bool) and np.isfinite(value)
    if ok:
        ok = bool(value > minimum) if strict else bool(value >= minimum)  # type: ignore[operator]
    if not ok:
        bound = f"{'>' if strict else '>='} {minimum:g}"
        kind = "an integer" if integer else "a number"
        raise ParameterError(
            f"{name} must be {kind} {bound}; got {value!r}",
            hint=f"pass {name} as {kind} {bound}",
        )


def validate(
    estimator: Any, X: Any, y: Any = "no_validation", *, reset: bool, **kwargs: Any
) -> Any:
    """sklearn's ``validate_data``, with its ``ValueError`` re-raised as :class:`InputDataError`.

    ``y="no_validation"`` (sklearn's marker) checks X alone. The message is sklearn's own
    (the estimator checks match on it); we add what to do.
    """
    try:
        return validate_data(estimator, X, y, reset=reset, dtype=np.float64, **kwargs)
    except ValueError as exc:
        text = str(exc)
        if "NaN" in text or "infinity" in text:
            hint = "drop or impute missing/infinite values first (e.g. sklearn SimpleImputer)"
        elif "inconsistent numbers of samples" in text:
            hint = "X and y need one row per sample: split them together"
        elif "features" in text:
            hint = "predict on the same columns, in the same order, as were used in fit"
        else:
            hint = "X must be a 2-D numeric array (n_samples, n_features), y a 1-D array"
        raise InputDataError(text, hint=hint) from exc


class Scaling(NamedTuple):
    """How the solver's features relate to the user's: ``X_solver = (X - offset) / scale``."""

    offset: Array  # (n_features,) column means when fitting an intercept, else zeros
    scale: Array  # (n_features,) column spread when standardizing, else ones


def fit_scaling(X: Array, *, fit_intercept: bool, standardize: bool) -> Scaling:
    """Learn the offset and scale of each column of ``X`` (n_samples, n_features).

    Centering lets the intercept separate from the slopes (it is then the mean of ``y`` for
    least squares). The scale is the root-mean-square of the centered column — the standard
    deviation (ddof=0, as ``StandardScaler``) when we center — so every column has unit
    second moment and the loss's curvature is about the same in every direction.
    A constant column has spread 0: we leave it unscaled (scale 1) instead of dividing by zero.
    """
    offset = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])  # (n_features,)
    if not standardize:
        return Scaling(offset, np.ones(X.shape[1]))
    scale = np.sqrt(np.mean((X - offset) ** 2, axis=0))  # (n_features,)
    # A column equal to its mean up to rounding error is constant, too.
    tiny = scale <= 10 * np.finfo(np.float64).eps * np.abs(offset)
    scale[tiny] = 1.0
    return Scaling(offset, scale)


def unscale(w: Array, b: float, scaling: Scaling) -> tuple[Array, float]:
    """Map solver-space ``(w, b)`` back to coefficients on the user's features.

    ``w·(x - offset)/scale + b = (w/scale)·x + (b - offset·(w/scale))``.
    """
    coef = w / scaling.scale  # (n_features,)
    return coef, float(b - scaling.offset @ coef)


class Descent(NamedTuple):
    """What a descent run returns: final parameters, loss per epoch, whether ``tol`` was met."""

    w: Array  # (n_features,)
    b: float
    loss_history: list[float]
    converged: bool


class DivergenceWatch:
    """Stops a descent whose loss is no longer finite or has grown ``DIVERGENCE_FACTOR``-fold.

    ``curvature`` returns the largest eigenvalue L of the loss's Hessian; it is only called
    when things went wrong, to suggest a step that works: on a quadratic, gradient descent
    converges iff ``learning_rate < 2 / L``, and ``1 / L`` is the classic safe choice.
    """

    def __init__(self, start: float, learning_rate: float, curvature: Callable[[], float]):
        self.start = start
        self.learning_rate = learning_rate
        self.curvature = curvature

    def check(self, loss: float, iteration: int, history: list[float]) -> None:
        if np.isfinite(loss) and not (self.start > 0 and loss > DIVERGENCE_FACTOR * self.start):
            return
        safe = 1.0 / self.curvature()
        raise DivergenceError(
            f"gradient descent diverged at iteration {iteration} (loss {loss:.3g}, "
            f"started at {self.start:.3g}) with learning_rate={self.learning_rate:g}",
            hint=f"lower learning_rate (try {safe:.3g} = 1/L, L = {1 / safe:.3g} being the "
            "largest curvature of the loss; keep standardize=True)",
            loss_history=list(history),
        )


def gradient_descent(
    fun: LossAndGradient,
    n_features: int,
    *,
    fit_intercept: bool,
    learning_rate: float,
    max_iter: int,
    tol: float,
    curvature: Callable[[], float],
) -> Descent:
    """Full-batch gradient descent from ``w = 0, b = 0``.

    One epoch = one step ``θ ← θ - learning_rate · ∇loss(θ)``. Stops early once an epoch lowers
    the loss by less than ``tol`` (absolute, in the loss's units); a loss that *rises* is not
    "converged" — on a convex loss it means the step is too large, which the watch catches.
    """
    w, b = np.zeros(n_features), 0.0  # (n_features,)
    loss, grad_w, grad_b = fun(w, b)
    watch = DivergenceWatch(loss, learning_rate, curvature)
    history: list[float] = []
    # Overflow is an expected outcome (a too-large step), reported by the watch, not numpy.
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(1, max_iter + 1):
            w = w - learning_rate * grad_w  # (n_features,)
            if fit_intercept:
                b = b - learning_rate * grad_b
            new_loss, grad_w, grad_b = fun(w, b)  # reused by the next step: one pass per epoch
            history.append(new_loss)
            watch.check(new_loss, iteration, history)
            if 0 <= loss - new_loss < tol:
                return Descent(w, b, history, True)
            loss = new_loss
    return Descent(w, b, history, False)
