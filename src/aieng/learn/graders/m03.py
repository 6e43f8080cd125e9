"""Graders of month 3 (``aieng.scratch``): loss, gradient, gradient descent, lstsq, PCA.

Each grader's reference is named in ``exercises/info.toml``; ``adapt`` only reshapes the call
(a class becomes "fit, then return the learned attributes"), it never re-implements the maths.
Generated cases come from hypothesis: small shapes and bounded floats for the pure formulas
(edge cases like one sample or all-zero columns are welcome there), and seeded well-posed
problems (a unique minimum, separated eigenvalues) where the answer must be unique to compare.
Fixed cases pin what generated ones rarely reach: a step too large, a valley so flat that the
loss stops moving long before the parameters do, a column repeated exactly.
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


def _with_ones(X: np.ndarray) -> np.ndarray:
    """``X`` (n, p) with a column of ones appended (n, p + 1): its weight is the intercept."""
    return np.column_stack([X, np.ones(len(X))])


def _curvature(X: np.ndarray) -> tuple[float, float]:
    """(L, μ): the largest and smallest curvature of ``‖y - Xw - b‖² / 2n`` in (w, b).

    Gradient descent with a fixed step converges iff ``learning_rate < 2 / L``; the error
    along the flattest direction shrinks by ``1 - learning_rate · μ`` per epoch.
    """
    eig = np.linalg.eigvalsh(_with_ones(X).T @ _with_ones(X) / len(X))  # ascending
    return float(eig[-1]), float(eig[0])


def _gd_valley() -> tuple[Any, ...]:
    """Two nearly equal columns (κ ≈ 7,300) and a target in thousandths, 400 epochs at 1/L.

    Measured: from epoch 274 on the loss falls by less than 1e-14 per epoch, yet (w, b) still
    move by 3e-6 before epoch 400 (the tolerance here is ~1e-8) and end 1.7e-4 from the
    minimum, so an answer that stops "because the loss no longer moves" — at any threshold
    ≥ 1e-14 — returns another (w, b) than n_epochs fixed steps.
    """
    rng = np.random.default_rng(7)
    x = rng.normal(size=30)
    X = np.column_stack([x + 2.0, x + 2.0 + 0.05 * rng.normal(size=30)])
    y = (X @ _a(1.0, -0.5) + 1.0 + 0.1 * rng.normal(size=30)) / 1000
    return (X, y, 1.0 / _curvature(X)[0], 400)


def _gd_problem(rng: np.random.Generator) -> tuple[Any, ...]:
    """Data away from the origin, a step anywhere in (0, 2/L) and 1–60 epochs, or — one case
    in three — a safe step (1/L) and enough epochs to reach the minimum (κ ≤ 100)."""
    n, p = int(rng.integers(3, 40)), int(rng.integers(1, 4))
    X = rng.normal(size=(n, p)) + rng.uniform(-3, 3, size=p)
    y = X @ rng.normal(size=p) + rng.uniform(-3, 3) + 0.5 * rng.normal(size=n)
    L, mu = _curvature(X)
    if rng.random() < 1 / 3:
        if mu < 0.01 * L:  # too slow to converge within the budget (≤ 4000 epochs): redraw
            return _gd_problem(rng)
        return (X, y, 1.0 / L, int(np.ceil(40 * L / mu)))  # (1 - μ/L)^epochs < 1e-17
    return (X, y, float(rng.uniform(0.05, 1.95) / L), int(rng.integers(1, 61)))


def _gd_reference(cls: Any) -> Fn:
    """The package's descent on ``[X, 1]`` without an intercept of its own: the column of
    ones' weight *is* b, and a joint step on (w, b) from the same gradient is exactly what
    the exercise asks (the package's own intercept, fitted on centered data, would reach the
    same minimum by another path, so only converged answers could be compared)."""

    def gradient_descent(X: Any, y: Any, learning_rate: float, n_epochs: int) -> Any:
        from sklearn.exceptions import ConvergenceWarning

        # tol=0: exactly n_epochs steps, which the package reports as "not converged"
        model = cls(
            solver="gd",
            fit_intercept=False,
            standardize=False,
            learning_rate=learning_rate,
            max_iter=n_epochs,
            tol=0.0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(_with_ones(X), y)
        return model.coef_[:-1], float(model.coef_[-1])

    return gradient_descent


_GD_FIXED = [
    Case("one step, 3 samples × 1 feature", (_a([1.0], [2.0], [4.0]), _a(3, 5, 9), 0.1, 1)),
    Case(
        "three steps, 4 samples × 2 features",
        (_a([1, 0], [2, 1], [0, 3], [1, 1]), _a(2.0, 4.0, 3.0, 1.0), 0.05, 3),
    ),
    Case("a narrow valley: 400 epochs, still short of the minimum", _gd_valley()),
    Case(
        "learning rate 0.3, above 2/L ≈ 0.256: every step overshoots further",
        (_a([1.0], [2.0], [4.0]), _a(3, 5, 9), 0.3, 6),
    ),
]


def _explain_gd(case: Case, name: str, got: Any, expected: Any) -> str:
    if case.label.startswith("learning rate"):
        return (
            "this learning rate is too large on purpose: the loss grows at every step. Keep the "
            "step fixed and return where n_epochs steps lead — watching it diverge is the lesson."
        )
    if case.label.startswith("a narrow valley"):
        return (
            "here the loss falls by less than 1e-14 per epoch while (w, b) still move: run all "
            "n_epochs steps, do not stop when the loss looks flat."
        )
    return ""


# ── m03.least-squares ─────────────────────────────────────────────────────────────────────────


def _near_collinear() -> tuple[Any, ...]:
    """Two columns equal up to 1e-6: κ(XᵀX) ≈ 1e13, and inverting XᵀX loses ~13 digits."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=50)
    X = np.column_stack([x, x + 1e-6 * rng.normal(size=50), rng.normal(size=50)])
    return (X, X @ _a(1.0, 2.0, -1.0) + 3.0 + 0.1 * rng.normal(size=50))


def _duplicated_column() -> tuple[Any, ...]:
    """The same feature twice (a join that copied a column): XᵀX is singular, so there are
    infinitely many least-squares coefs; the one of smallest length splits the weight equally
    (lstsq's answer). inv(XᵀX) fails or returns noise, and so does a triangular solve after QR."""
    rng = np.random.default_rng(11)
    x, z = rng.normal(size=20), rng.normal(size=20)
    X = np.column_stack([x, x, z]) + _a(1.0, 1.0, -2.0)
    return (X, 3.0 * X[:, 0] - z + 0.5 + 0.1 * rng.normal(size=20))


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
        fixed=lambda: list(_GD_FIXED),
        generated=lambda: seeded(_gd_problem),
        n_generated=24,
        adapt=_gd_reference,
        explain=_explain_gd,
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
            Case("the same column twice", _duplicated_column()),
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
