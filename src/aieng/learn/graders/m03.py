"""Graders of month 3 (``aieng.scratch``): loss, gradient, gradient descent, lstsq, PCA.

Each grader's reference is named in ``exercises/info.toml``; ``adapt`` only reshapes the call
(a class becomes "fit, then return the learned attributes"), it never re-implements the maths.
Generated cases come from hypothesis: small shapes and bounded floats for the pure formulas
(edge cases like one sample or all-zero columns are welcome there), and seeded well-posed
problems (a unique minimum, separated eigenvalues) where the answer must be unique to compare.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]


def _a(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


# ── shared generators (hypothesis is imported lazily: only preparing the cases needs it) ────────


def _linear_problems(*, with_penalty: bool) -> Any:
    """Strategy of ``(w, b, X, y, alpha)`` with 1–12 samples, 1–5 features, values in ±10."""
    from hypothesis import strategies as st
    from hypothesis.extra.numpy import arrays

    values = st.floats(-10, 10, allow_nan=False, allow_infinity=False, width=64)

    @st.composite
    def build(draw: Any) -> Case:
        n = draw(st.integers(1, 12))
        p = draw(st.integers(1, 5))
        w = draw(arrays(np.float64, (p,), elements=values))
        X = draw(arrays(np.float64, (n, p), elements=values))
        y = draw(arrays(np.float64, (n,), elements=values))
        b = draw(values)
        alpha = draw(st.floats(0, 5)) if with_penalty else 0.0
        return Case("generated", (w, b, X, y, alpha))

    return build()


# ── m03.loss and m03.gradient: the loss of a linear model, then its partial derivatives ────────

_LOSS_FIXED = [
    Case("1 sample × 1 feature", (_a(2.0), 1.0, _a([3.0]), _a(4.0), 0.0)),
    Case(
        "3 samples × 2 features",
        (_a(0.5, -1.0), 0.25, _a([1, 2], [3, 4], [5, 6]), _a(1.0, 0.0, 2.0), 0.0),
    ),
    Case(
        "3 samples × 2 features, ridge alpha = 2",
        (_a(0.5, -1.0), 0.25, _a([1, 2], [3, 4], [5, 6]), _a(1.0, 0.0, 2.0), 2.0),
    ),
    Case(
        "4 samples × 3 features",
        (
            _a(1.0, 0.0, -2.0),
            -1.0,
            _a([1, 0, 2], [0, 1, 1], [2, 2, 0], [1, 3, 1]),
            _a(1, 2, 3, 4),
            0.5,
        ),
    ),
]


def _loss_only(ref: Fn) -> Fn:
    def ridge_loss(w: Any, b: float, X: Any, y: Any, alpha: float) -> float:
        return float(ref(w, b, X, y, alpha)[0])

    return ridge_loss


def _finite_differences(ref: Fn, case: Case) -> Mapping[str, Any]:
    """The slopes of the reference loss measured by central differences (h = 1e-6)."""
    w, b, X, y, alpha = case.args
    h = 1e-6

    def loss(w_: Any, b_: float) -> float:
        return float(ref(w_, b_, X, y, alpha)[0])

    steps = np.eye(len(w)) * h
    grad_w = np.array([(loss(w + e, b) - loss(w - e, b)) / (2 * h) for e in steps])
    return {"grad_w": grad_w, "grad_b": (loss(w, b + h) - loss(w, b - h)) / (2 * h)}


def _explain_gradient(case: Case, name: str, got: Any, expected: Any) -> str:
    if name not in case.notes:
        return ""
    fd = case.notes[name]
    sign = ""
    if np.allclose(np.asarray(got), -np.asarray(expected), rtol=1e-6, atol=1e-9):
        sign = (
            " Your values have the opposite sign: the residual is y - Xw - b, so d/dw carries -X."
        )
    return (
        f"check it yourself: nudging the parameters by ±1e-6 moves the loss at a slope of "
        f"{np.array2string(np.atleast_1d(fd), precision=5)} (finite differences); a gradient "
        f"is exactly that slope.{sign}"
    )


# ── m03.gradient-descent ──────────────────────────────────────────────────────────────────────


def _gd_centered(n: int, p: int, epochs: int, seed: int) -> tuple[Any, ...]:
    """Columns and target with mean exactly 0: the intercept's gradient stays 0, so every
    iterate — not only the limit — equals the package's (which centers the data first)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    X -= X.mean(axis=0)
    y = X @ rng.normal(size=p) + 0.3 * rng.normal(size=n)
    y -= y.mean()
    return (X, y, 0.1, epochs)


def _gd_converging(rng: np.random.Generator) -> tuple[Any, ...]:
    """A problem with an intercept, a safe step (1/L) and enough epochs to reach the minimum."""
    n, p = int(rng.integers(8, 40)), int(rng.integers(1, 4))
    X = rng.normal(size=(n, p)) + rng.uniform(-1, 1, size=p)
    y = X @ rng.normal(size=p) + rng.uniform(-3, 3) + 0.5 * rng.normal(size=n)
    A = np.column_stack([X, np.ones(n)])  # (n, p + 1): the learner's parameters include b
    eig = np.linalg.eigvalsh(A.T @ A / n)  # ascending
    if eig[0] < 0.01 * eig[-1]:  # κ > 100: too slow to converge (≤ 4000 epochs is the budget)
        return _gd_converging(rng)
    epochs = int(np.ceil(40 * eig[-1] / eig[0]))  # (1 - μ/L)^epochs < 1e-17
    return (X, y, float(1.0 / eig[-1]), epochs)


def _gd_reference(cls: Any) -> Fn:
    def gradient_descent(X: Any, y: Any, learning_rate: float, n_epochs: int) -> Any:
        from sklearn.exceptions import ConvergenceWarning

        # tol=0: exactly n_epochs steps, which the package reports as "not converged"
        model = cls(
            solver="gd", standardize=False, learning_rate=learning_rate, max_iter=n_epochs, tol=0.0
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, y)
        return model.coef_, model.intercept_

    return gradient_descent


# ── m03.least-squares ─────────────────────────────────────────────────────────────────────────


def _near_collinear() -> tuple[Any, ...]:
    """Two columns equal up to 1e-6: κ(XᵀX) ≈ 1e13, and inverting XᵀX loses ~13 digits."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=50)
    X = np.column_stack([x, x + 1e-6 * rng.normal(size=50), rng.normal(size=50)])
    return (X, X @ _a(1.0, 2.0, -1.0) + 3.0 + 0.1 * rng.normal(size=50))


def _lstsq_problem(rng: np.random.Generator) -> tuple[Any, ...]:
    n, p = int(rng.integers(4, 30)), int(rng.integers(1, 5))
    p = min(p, n - 2)  # more rows than columns + intercept: a unique minimum
    X = rng.normal(size=(n, p)) * rng.uniform(0.1, 10, size=p) + rng.uniform(-5, 5, size=p)
    return (X, X @ rng.normal(size=p) + rng.normal() + rng.normal(size=n))


def _lstsq_reference(cls: Any) -> Fn:
    def least_squares(X: Any, y: Any) -> Any:
        model = cls(standardize=False).fit(X, y)
        return model.coef_, model.intercept_

    return least_squares


# ── m03.pca ───────────────────────────────────────────────────────────────────────────────────


def _pca_data(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    """(n, p) data whose sample covariance has clearly separated eigenvalues (unique components)."""
    while True:
        basis, _ = np.linalg.qr(rng.normal(size=(p, p)))  # a random rotation
        X: np.ndarray = rng.normal(size=(n, p)) * (3.0 ** -np.arange(p)) @ basis.T + rng.normal(
            size=p
        )
        ev = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]  # descending
        if np.min(-np.diff(ev) / ev[:-1]) >= 0.2:  # else eigenvectors are barely defined
            return X


def _pca_problem(rng: np.random.Generator) -> tuple[Any, ...]:
    p = int(rng.integers(2, 6))
    return (_pca_data(rng, int(rng.integers(30, 80)), p), int(rng.integers(1, p + 1)))


def _pca_reference(cls: Any) -> Fn:
    def principal_components(X: Any, n_components: int) -> Any:
        model = cls(n_components=n_components).fit(X)
        return model.components_, model.explained_variance_

    return principal_components


GRADERS: dict[str, Grader] = {
    "m03.loss": Grader(
        params=("w", "b", "X", "y", "alpha"),
        outputs=(Output("loss", "scalar", rtol=1e-9, atol=1e-12),),
        fixed=lambda: list(_LOSS_FIXED),
        generated=lambda: _linear_problems(with_penalty=True),
        adapt=_loss_only,
    ),
    "m03.gradient": Grader(
        params=("w", "b", "X", "y", "alpha"),
        outputs=(
            Output("loss", "scalar", rtol=1e-9, atol=1e-12),
            Output("grad_w", "array", rtol=1e-9, atol=1e-12),
            Output("grad_b", "scalar", rtol=1e-9, atol=1e-12),
        ),
        fixed=lambda: list(_LOSS_FIXED),
        generated=lambda: _linear_problems(with_penalty=True),
        annotate=_finite_differences,
        explain=_explain_gradient,
    ),
    "m03.gradient-descent": Grader(
        params=("X", "y", "learning_rate", "n_epochs"),
        outputs=(
            Output("w", "array", rtol=1e-6, atol=1e-8),
            Output("b", "scalar", rtol=1e-6, atol=1e-8),
        ),
        fixed=lambda: [
            Case("one step, centered data", _gd_centered(5, 2, 1, seed=0)),
            Case("three steps, centered data", _gd_centered(6, 3, 3, seed=1)),
            Case("fifty steps, centered data", _gd_centered(20, 2, 50, seed=2)),
        ],
        generated=lambda: seeded(_gd_converging),
        n_generated=12,
        adapt=_gd_reference,
    ),
    "m03.least-squares": Grader(
        params=("X", "y"),
        outputs=(
            Output("coef", "array", rtol=1e-6, atol=1e-8),
            Output("intercept", "scalar", rtol=1e-6, atol=1e-8),
        ),
        fixed=lambda: [
            Case("a perfect line y = 2x + 1", (_a([0.0], [1.0], [2.0], [3.0]), _a(1, 3, 5, 7))),
            Case("two nearly identical columns", _near_collinear()),
        ],
        generated=lambda: seeded(_lstsq_problem),
        n_generated=25,
        adapt=_lstsq_reference,
    ),
    "m03.pca": Grader(
        params=("X", "n_components"),
        outputs=(
            Output("components", "array", rtol=1e-6, atol=1e-8, rows_up_to_sign=True),
            Output("explained_variance", "array", rtol=1e-6, atol=1e-10),
        ),
        fixed=lambda: [
            Case(
                "4 points on a tilted line plus noise",
                (_a([0, 0.1], [1, 1.1], [2, 1.8], [3, 3.2]), 1),
            ),
            Case(
                "40 samples × 3 features, keep 2", (_pca_data(np.random.default_rng(5), 40, 3), 2)
            ),
        ],
        generated=lambda: seeded(_pca_problem),
        n_generated=20,
        adapt=_pca_reference,
    ),
}
