"""Code tests for ``aieng.scratch``: the sklearn contract, exact gradients, errors, invariants.

Agreement with scikit-learn on real data lives in ``tests/model/test_scratch_reference.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.estimator_checks import parametrize_with_checks

from aieng.errors import AiengError, DataError, UsageError
from aieng.scratch import (
    PCA,
    DivergenceError,
    InputDataError,
    LinearRegression,
    LogisticRegression,
    ParameterError,
    log_loss_and_gradient,
    loss_and_gradient,
    sigmoid,
)

Loss = Callable[..., tuple[float, np.ndarray, float]]


def regression_data(n: int = 80, p: int = 4, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * [1.0, 10.0, 0.1, 3.0][:p] + 5.0  # mixed scales, not centered
    y = X @ np.arange(1.0, p + 1) - 2.0 + rng.normal(scale=0.5, size=n)
    return X, y


# ---------------------------------------------------------------- the sklearn contract


# Every check passes; no expected_failed_checks. The iterative solvers run with their defaults
# (gd) or a seed and fewer epochs (sgd, to keep the checks quick); they may warn that they did
# not meet tol, which the checks allow.
@parametrize_with_checks(  # type: ignore[untyped-decorator]  # sklearn has no types
    [
        LinearRegression(),
        LinearRegression(solver="gd", learning_rate=0.3),
        LinearRegression(solver="sgd", max_iter=100, random_state=0),
        LogisticRegression(),
        PCA(),
        PCA(n_components=1),
    ]
)
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_sklearn_estimator_contract(estimator: Any, check: Any) -> None:
    check(estimator)


# ---------------------------------------------------------------- gradients


def numerical_gradient(loss: Loss, w: np.ndarray, b: float, h: float = 1e-6) -> np.ndarray:
    """Central differences ``(f(θ+h) - f(θ-h)) / 2h`` for every coordinate of (w, b).

    Their error is O(h²) (the O(h) terms cancel), ~1e-12 here, well below the 1e-6 we ask.
    """
    theta = np.append(w, b)
    grad = np.empty_like(theta)
    for i in range(theta.size):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (loss(up[:-1], up[-1])[0] - loss(down[:-1], down[-1])[0]) / (2 * h)
    return grad


@pytest.mark.parametrize("alpha", [0.0, 0.7])
def test_least_squares_gradient_matches_finite_differences(alpha: float) -> None:
    X, y = regression_data(n=30, p=4)
    X = (X - X.mean(0)) / X.std(0)
    w, b = np.array([0.3, -1.2, 2.0, 0.5]), 0.4
    loss, grad_w, grad_b = loss_and_gradient(w, b, X, y, alpha)
    numeric = numerical_gradient(lambda w_, b_: loss_and_gradient(w_, b_, X, y, alpha), w, b)
    assert_allclose(np.append(grad_w, grad_b), numeric, rtol=1e-6)
    residual = y - X @ w - b
    assert loss == pytest.approx((residual @ residual + alpha * w @ w) / (2 * len(y)), rel=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.3])
def test_log_loss_gradient_matches_finite_differences(alpha: float) -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3))
    y = (rng.random(40) < 0.5).astype(float)
    w, b = np.array([0.5, -1.0, 2.0]), -0.3
    loss, grad_w, grad_b = log_loss_and_gradient(w, b, X, y, alpha)
    numeric = numerical_gradient(lambda w_, b_: log_loss_and_gradient(w_, b_, X, y, alpha), w, b)
    assert_allclose(np.append(grad_w, grad_b), numeric, rtol=1e-6)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    naive = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + alpha / 2 * w @ w
    assert loss == pytest.approx(naive, rel=1e-12)


def test_sigmoid_and_log_loss_are_stable_for_huge_logits() -> None:
    # Any overflow or invalid value would raise here (underflow to 0 is the right answer).
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert_allclose(sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])
        loss, _, _ = log_loss_and_gradient(
            np.array([1.0]), 0.0, np.array([[800.0]]), np.zeros(1), 0
        )
    assert loss == pytest.approx(800.0)  # log(1 + e^800) ≈ 800, not inf


# ---------------------------------------------------------------- errors users can cause


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"solver": "newton"}, r"solver must be one of 'closed_form', 'gd', 'sgd'; got 'newton'"),
        ({"alpha": -1.0}, r"alpha must be a number >= 0; got -1.0"),
        ({"learning_rate": 0.0}, r"learning_rate must be a number > 0; got 0.0"),
        ({"max_iter": 2.5}, r"max_iter must be an integer >= 1; got 2.5"),
        ({"lr_schedule": "cosine"}, r"lr_schedule must be one of 'constant', 'invscaling'"),
    ],
)
def test_invalid_parameters_are_refused_at_fit(params: dict[str, Any], match: str) -> None:
    X, y = regression_data()
    model = LinearRegression(**params)  # __init__ only stores; fit checks
    with pytest.raises(ParameterError, match=match) as info:
        model.fit(X, y)
    assert isinstance(info.value, UsageError) and isinstance(info.value, ValueError)
    assert info.value.hint


def test_logistic_and_pca_parameters_are_checked() -> None:
    X, y = regression_data()
    with pytest.raises(ParameterError, match=r"alpha must be a number >= 0; got -0.5"):
        LogisticRegression(alpha=-0.5).fit(X, y > y.mean())
    with pytest.raises(ParameterError, match=r"n_components=9 is more than .* = 4"):
        PCA(n_components=9).fit(X)


def test_x_y_length_mismatch_names_both_lengths() -> None:
    X, y = regression_data()
    with pytest.raises(InputDataError, match=r"inconsistent numbers of samples: \[80, 79\]"):
        LinearRegression().fit(X, y[:-1])


@pytest.mark.parametrize("estimator", [LinearRegression(), LogisticRegression(), PCA()])
def test_nan_in_x_is_a_data_error_with_a_hint(estimator: Any) -> None:
    X, y = regression_data()
    X[3, 1] = np.nan
    with pytest.raises(InputDataError, match=r"Input X contains NaN") as info:
        estimator.fit(X, y > y.mean())
    assert isinstance(info.value, DataError)
    assert "impute" in info.value.hint


def test_logistic_refuses_multiclass_and_single_class_targets() -> None:
    X, _ = regression_data(n=30)
    with pytest.raises(InputDataError, match=r"Only binary classification .* multiclass"):
        LogisticRegression().fit(X, np.arange(30) % 3)
    with pytest.raises(InputDataError, match=r"1 class\(es\): \['yes'\]"):
        LogisticRegression().fit(X, ["yes"] * 30)


@pytest.mark.parametrize("solver", ["gd", "sgd"])
def test_too_large_learning_rate_raises_divergence_with_the_partial_curve(solver: str) -> None:
    X, y = regression_data()
    model = LinearRegression(solver=solver, learning_rate=50.0, random_state=0)
    with pytest.raises(
        DivergenceError, match=r"diverged at iteration \d+ .* learning_rate=50"
    ) as e:
        model.fit(X, y)
    err = e.value
    assert isinstance(err, AiengError)
    assert err.hint.startswith("lower learning_rate (try ")
    assert 1 <= len(err.loss_history) < model.max_iter
    start = np.var(y) / 2  # the loss at w = 0, b = 0 on centered y
    last = err.loss_history[-1]
    assert last > 1e6 * start or not np.isfinite(last)


def test_divergence_hint_suggests_a_step_that_converges() -> None:
    X, y = regression_data()
    with pytest.raises(DivergenceError) as info:
        LinearRegression(solver="gd", learning_rate=10.0).fit(X, y)
    safe = float(info.value.hint.split("(try ")[1].split(" ")[0])  # 1/L
    model = LinearRegression(solver="gd", learning_rate=safe, max_iter=5000).fit(X, y)
    assert np.all(np.diff(model.loss_history_) <= 0)  # below 2/L the loss only goes down


def test_logistic_divergence_is_detected_too() -> None:
    X, y = regression_data()
    with pytest.raises(DivergenceError, match=r"learning_rate=1e\+09"):
        LogisticRegression(learning_rate=1e9, alpha=1.0).fit(X, y > y.mean())


# ---------------------------------------------------------------- behaviour and invariants


@pytest.mark.parametrize(
    "estimator",
    [LinearRegression(), LinearRegression(solver="sgd", max_iter=5), LogisticRegression(), PCA()],
)
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_fit_never_modifies_its_inputs(estimator: Any) -> None:
    X, y = regression_data()
    labels = (y > y.mean()).astype(float) if isinstance(estimator, LogisticRegression) else y
    X_before, y_before = X.copy(), labels.copy()
    estimator.fit(X, labels)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(labels, y_before)


def test_standardizing_changes_the_path_not_the_least_squares_solution() -> None:
    X, y = regression_data()
    plain = LinearRegression(standardize=False).fit(X, y)
    scaled = LinearRegression(standardize=True).fit(X, y)
    assert_allclose(scaled.coef_, plain.coef_, rtol=1e-10)
    assert scaled.intercept_ == pytest.approx(plain.intercept_, rel=1e-10)


def test_closed_form_without_intercept_is_least_squares_through_the_origin() -> None:
    X, y = regression_data()
    expected, *_ = np.linalg.lstsq(X, y, rcond=None)
    model = LinearRegression(fit_intercept=False).fit(X, y)
    assert_allclose(model.coef_, expected, rtol=1e-10)
    assert model.intercept_ == 0.0


@pytest.mark.parametrize("solver", ["closed_form", "gd"])
def test_constant_column_gets_a_zero_coefficient_without_dividing_by_zero(solver: str) -> None:
    X, y = regression_data()
    X = np.column_stack([X, np.full(len(X), 7.0)])
    with np.errstate(divide="raise", invalid="raise"):
        model = LinearRegression(solver=solver, learning_rate=0.3, tol=1e-14).fit(X, y)
    assert model.coef_[-1] == pytest.approx(0.0, abs=1e-8)
    reference = LinearRegression().fit(X[:, :-1], y)
    assert_allclose(model.coef_[:-1], reference.coef_, rtol=1e-5)


def test_loss_history_and_early_stopping() -> None:
    X, y = regression_data()
    closed = LinearRegression().fit(X, y)
    assert closed.n_iter_ == 1 and len(closed.loss_history_) == 1
    gd = LinearRegression(solver="gd", learning_rate=0.3, max_iter=10_000, tol=1e-9).fit(X, y)
    assert gd.n_iter_ == len(gd.loss_history_) < 10_000  # stopped by tol, not max_iter
    assert np.all(np.diff(gd.loss_history_) <= 0)
    assert gd.loss_history_[-1] == pytest.approx(closed.loss_history_[0], rel=1e-6)


def test_running_out_of_iterations_warns() -> None:
    X, y = regression_data()
    with pytest.warns(ConvergenceWarning, match=r"gd stopped after max_iter=3 epochs"):
        LinearRegression(solver="gd", max_iter=3).fit(X, y)


def test_sgd_is_reproducible_with_a_seed_and_schedules_decay() -> None:
    X, y = regression_data()
    params: dict[str, Any] = {
        "solver": "sgd",
        "max_iter": 20,
        "tol": 0.0,
        "lr_schedule": "invscaling",
    }
    with pytest.warns(ConvergenceWarning):
        a = LinearRegression(**params, random_state=3).fit(X, y)
        b = LinearRegression(**params, random_state=3).fit(X, y)
        c = LinearRegression(**params, random_state=4).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    assert not np.array_equal(a.coef_, c.coef_)


def test_logistic_probabilities_and_string_labels() -> None:
    X, y = regression_data()
    labels = np.where(y > np.median(y), "high", "low")
    model = LogisticRegression(alpha=0.01).fit(X, labels)
    assert list(model.classes_) == ["high", "low"]
    proba = model.predict_proba(X)  # (n_samples, 2)
    assert proba.shape == (len(X), 2)
    assert_allclose(proba.sum(axis=1), 1.0)
    expected = np.where(model.decision_function(X) > 0, "low", "high")  # classes_[1] positive
    np.testing.assert_array_equal(model.predict(X), expected)
    assert model.score(X, labels) > 0.9


def test_pca_components_are_orthonormal_signed_and_invertible() -> None:
    X, _ = regression_data()
    pca = PCA().fit(X)
    assert_allclose(pca.components_ @ pca.components_.T, np.eye(4), atol=1e-12)
    biggest = pca.components_[np.arange(4), np.argmax(np.abs(pca.components_), axis=1)]
    assert np.all(biggest > 0)  # the sign convention
    assert np.all(np.diff(pca.explained_variance_) <= 0)
    assert pca.explained_variance_ratio_.sum() == pytest.approx(1.0)
    assert_allclose(pca.inverse_transform(pca.transform(X)), X, atol=1e-10)
    assert_allclose(pca.explained_variance_, np.var(pca.transform(X), axis=0, ddof=1))
    with pytest.raises(InputDataError, match=r"expects 4 columns, got 2"):
        pca.inverse_transform(np.zeros((3, 2)))
