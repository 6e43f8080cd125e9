"""The NumPy network of month 7: every gradient equals torch.autograd, and central differences.

Tolerances: each gradient matches torch's on float64 within 1e-6 relative (1e-9 absolute, for
entries that are 0); measured, the largest difference is 9e-16. The gradient check uses
aieng.deep.gradcheck's own rule (h = 1e-6, rtol = 1e-6, atol = 1e-8). A backward broken on
purpose — the ReLU mask on the wrong side, the mean's 1/n missing, a bias gradient averaged, the
tanh slope taken from the input — must fail both, or neither check proves anything.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Literal

import numpy as np
import pytest
import torch

from aieng.deep.gradcheck import check_gradients, numerical_gradient
from aieng.deep.numpy_net import (
    Array,
    Layer,
    Linear,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
    log_softmax,
    softmax,
    softmax_cross_entropy,
    two_layer_net,
)
from aieng.errors import DataError, UsageError

torch.set_num_threads(1)  # small tensors: one thread is faster, and the same on every machine

RTOL, ATOL = 1e-6, 1e-9
Activation = Literal["relu", "tanh", "sigmoid"]
SEEDS = range(5)
# (batch, inputs, hidden, classes): a batch of 1, a usual one, one input and one hidden unit,
# and a wide one with ten classes.
SHAPES = [(1, 3, 4, 2), (32, 8, 16, 3), (6, 1, 1, 2), (7, 20, 50, 10)]
TORCH_ACTIVATIONS: dict[str, Callable[[], torch.nn.Module]] = {
    "ReLU": torch.nn.ReLU,
    "Tanh": torch.nn.Tanh,
    "Sigmoid": torch.nn.Sigmoid,
}


def _torch_twin(net: Sequential) -> torch.nn.Sequential:
    """The same network in torch (float64), with the same weights under the same names."""
    modules: list[torch.nn.Module] = []
    for layer in net.layers:
        if isinstance(layer, Linear):
            twin = torch.nn.Linear(layer.in_features, layer.out_features, dtype=torch.float64)
            with torch.no_grad():
                twin.weight.copy_(torch.from_numpy(layer.params["weight"]))
                twin.bias.copy_(torch.from_numpy(layer.params["bias"]))
            modules.append(twin)
        else:
            modules.append(TORCH_ACTIVATIONS[layer.name]())
    return torch.nn.Sequential(*modules)


def _autograd(net: Sequential, x: Array, y: np.ndarray) -> tuple[float, dict[str, Array]]:
    """torch's mean cross-entropy and its gradients: every weight's, and the input's."""
    twin = _torch_twin(net)
    tx = torch.tensor(x, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(twin(tx), torch.from_numpy(y))
    loss.backward()
    grads = {name: p.grad.numpy() for name, p in twin.named_parameters() if p.grad is not None}
    assert tx.grad is not None
    return loss.item(), {**grads, "input": tx.grad.numpy()}


def _ours(net: Sequential, x: Array, y: np.ndarray) -> tuple[float, dict[str, Array]]:
    loss = net.loss_and_backward(x, y)
    assert net.grad_input is not None
    return loss, {**net.gradients(), "input": net.grad_input}


def _agrees_with_autograd(net: Sequential, x: Array, y: np.ndarray) -> bool:
    loss, ours = _ours(net, x, y)
    ref_loss, theirs = _autograd(net, x, y)
    assert ours.keys() == theirs.keys()  # the same names: "0.weight", "0.bias", …, "input"
    return np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL) and all(
        np.allclose(ours[k], theirs[k], rtol=RTOL, atol=ATOL) for k in ours
    )


def _problem(seed: int, shape: tuple[int, int, int, int]) -> tuple[Array, np.ndarray]:
    n, d, _, k = shape
    rng = np.random.default_rng(1000 + seed)
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n)


# ── against torch.autograd ──────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_the_two_layer_net_equals_autograd(
    activation: Activation, shape: tuple[int, int, int, int]
) -> None:
    _, d, h, k = shape
    for seed in SEEDS:
        net = two_layer_net(d, h, k, activation=activation, seed=seed)
        x, y = _problem(seed, shape)
        assert _agrees_with_autograd(net, x, y), (activation, shape, seed)


@pytest.mark.parametrize("layer_type", [Linear, ReLU, Tanh, Sigmoid], ids=lambda t: t.__name__)
def test_each_layer_backward_equals_autograd(layer_type: type[Layer]) -> None:
    """Any upstream gradient, not only a loss's: ∂/∂x of Σ grad_out · layer(x).

    Inputs up to ±3000 too: a sigmoid written as 1 / (1 + exp(−x)) overflows there.
    """
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for n, scale in ((1, 3.0), (9, 3.0), (9, 1e3)):
            x = rng.normal(scale=scale, size=(n, 5))
            x[0, 0] = 0.0  # the ReLU's kink: torch's slope there is 0, and so is ours
            layer: Layer = Linear(5, 4, seed=seed) if layer_type is Linear else layer_type()
            grad_out = rng.normal(size=(n, 4 if layer_type is Linear else 5))
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # no overflow, no 0/0
                out = layer.forward(x)
                grad_x = layer.backward(grad_out)

            tx = torch.tensor(x, requires_grad=True)
            if isinstance(layer, Linear):
                w = torch.tensor(layer.params["weight"], requires_grad=True)
                b = torch.tensor(layer.params["bias"], requires_grad=True)
                t_out = torch.nn.functional.linear(tx, w, b)
                gx, gw, gb = torch.autograd.grad(t_out, (tx, w, b), torch.from_numpy(grad_out))
                assert np.allclose(layer.grads["weight"], gw.numpy(), rtol=RTOL, atol=ATOL)
                assert np.allclose(layer.grads["bias"], gb.numpy(), rtol=RTOL, atol=ATOL)
            else:
                t_out = TORCH_ACTIVATIONS[layer.name]()(tx)
                (gx,) = torch.autograd.grad(t_out, (tx,), torch.from_numpy(grad_out))
            assert np.allclose(out, t_out.detach().numpy(), rtol=RTOL, atol=ATOL)
            assert np.allclose(grad_x, gx.numpy(), rtol=RTOL, atol=ATOL), (layer.name, seed, n)


@pytest.mark.parametrize("scale", [1e2, 1e3, 1e5, 1e8])
def test_extreme_logits_give_torchs_loss_and_gradient_without_a_warning(scale: float) -> None:
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        logits = rng.normal(size=(6, 4)) * scale
        logits[0] = [scale, -scale, 0.0, 0.0]  # one class far ahead
        logits[1] = [scale, scale, scale, scale]  # all tied, all huge
        y = rng.integers(0, 4, size=6)
        y[0] = 1  # the true class is the one far behind: the loss is 2·scale, not inf
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an overflow in exp would be a RuntimeWarning
            loss, grad = softmax_cross_entropy(logits, y)
        t = torch.tensor(logits, requires_grad=True)
        ref = torch.nn.functional.cross_entropy(t, torch.from_numpy(y))
        ref.backward()
        assert np.isfinite(loss) and np.isclose(loss, ref.item(), rtol=RTOL, atol=ATOL)
        assert t.grad is not None and np.allclose(grad, t.grad.numpy(), rtol=RTOL, atol=ATOL)


def test_log_softmax_and_softmax_are_torchs_and_shift_free() -> None:
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for n, k in ((1, 1), (1, 5), (8, 3)):
            z = rng.normal(scale=200.0, size=(n, k))
            ref = torch.log_softmax(torch.from_numpy(z), dim=1).numpy()
            assert np.allclose(log_softmax(z), ref, rtol=RTOL, atol=ATOL)
            assert np.allclose(softmax(z).sum(axis=1), 1.0, rtol=0, atol=1e-12)
            shift = rng.normal(scale=1e3, size=(n, 1))  # a constant per row changes nothing
            assert np.allclose(log_softmax(z + shift), log_softmax(z), rtol=0, atol=1e-9)


# ── the gradient check ──────────────────────────────────────────────────────────────────────


def test_numerical_gradient_measures_a_known_slope_and_restores_every_entry() -> None:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(3, 4))
    kept = v.copy()
    slope = numerical_gradient(lambda: float(np.sin(v).sum() + (v**3).sum()), v)
    assert np.allclose(slope, np.cos(kept) + 3 * kept**2, rtol=1e-8, atol=1e-8)
    assert np.array_equal(v, kept)  # bit for bit: the kept value is put back, not v + h − h


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_the_gradient_check_passes_on_every_weight_and_the_input(activation: Activation) -> None:
    for seed in SEEDS:
        for shape in SHAPES:
            _, d, h, k = shape
            net = two_layer_net(d, h, k, activation=activation, seed=seed)
            x, y = _problem(seed, shape)
            checks = check_gradients(net, x, y)
            assert [c.name for c in checks] == [*dict(net.parameters()), "input"]
            failed = [(c.name, c.max_error) for c in checks if not c.passed]
            assert not failed, (activation, shape, seed, failed)
            assert max(c.max_error for c in checks) < 1e-8


# ── a backward broken on purpose is caught by both checks ──────────────────────────────────


class ReLUMaskWrongSide(ReLU):
    def backward(self, grad_out: Array) -> Array:
        g = self._check_grad(grad_out)
        assert self._positive is not None
        return g * ~self._positive  # passes the gradient where the input was negative


class BiasGradientAveraged(Linear):
    def backward(self, grad_out: Array) -> Array:
        grad_x = super().backward(grad_out)
        self.grads["bias"] = np.asarray(grad_out).mean(axis=0)  # a second 1/n
        return grad_x


class TanhSlopeOfInput(Tanh):
    def forward(self, x: Array) -> Array:
        self._x = np.asarray(x, dtype=np.float64)
        return super().forward(x)

    def backward(self, grad_out: Array) -> Array:
        return self._check_grad(grad_out) * (1.0 - self._x**2)  # 1 − x², not 1 − tanh(x)²


class SumNotMean(Sequential):
    def loss_and_backward(self, x: Array, labels: object) -> float:
        loss, grad = softmax_cross_entropy(self.forward(x), labels)
        self.backward(grad * len(x))  # the gradient of the sum: the mean's 1/n is missing
        return loss


def _broken(kind: str, seed: int) -> Sequential:
    rng = np.random.default_rng(seed)
    if kind == "relu-mask-wrong-side":
        return Sequential(Linear(6, 8, seed=rng), ReLUMaskWrongSide(), Linear(8, 3, seed=rng))
    if kind == "bias-gradient-averaged":
        return Sequential(BiasGradientAveraged(6, 8, seed=rng), ReLU(), Linear(8, 3, seed=rng))
    if kind == "tanh-slope-of-input":
        return Sequential(Linear(6, 8, seed=rng), TanhSlopeOfInput(), Linear(8, 3, seed=rng))
    layers = two_layer_net(6, 8, 3, seed=seed).layers
    return SumNotMean(*layers)


@pytest.mark.parametrize(
    "kind",
    ["relu-mask-wrong-side", "bias-gradient-averaged", "tanh-slope-of-input", "sum-not-mean"],
)
def test_a_wrong_backward_fails_against_autograd_and_the_gradient_check(kind: str) -> None:
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        x, y = rng.normal(size=(16, 6)), rng.integers(0, 3, size=16)
        assert not _agrees_with_autograd(_broken(kind, seed), x, y), (kind, seed)
        checks = check_gradients(_broken(kind, seed), x, y)
        assert not all(c.passed for c in checks), (kind, seed)


def test_a_batch_of_one_cannot_hide_a_missing_mean_but_the_loss_stays_exact() -> None:
    """With n = 1 the sum is the mean: that is why the shapes above include a batch of 32."""
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(1, 6)), rng.integers(0, 3, size=1)
    assert _agrees_with_autograd(_broken("sum-not-mean", 0), x, y)


# ── training, and the contract ─────────────────────────────────────────────────────────────


def test_the_two_layer_net_learns_the_digits() -> None:
    """Real data, offline: scikit-learn's 8×8 digits, 1,347 to train and 450 held out."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    for seed in range(3):
        X_train, X_test, y_train, y_test = train_test_split(
            X / 16.0, y, test_size=0.25, random_state=seed, stratify=y
        )
        net, rng = two_layer_net(64, 64, 10, seed=seed), np.random.default_rng(seed)
        first = net.loss_and_backward(X_train, y_train)
        for _ in range(30):  # epochs of mini-batch SGD: about 0.1 s
            order = rng.permutation(len(X_train))
            for start in range(0, len(order), 32):
                rows = order[start : start + 32]
                net.loss_and_backward(X_train[rows], y_train[rows])
                net.step(0.1)
        assert net.loss_and_backward(X_train, y_train) < first / 10
        assert np.mean(net.predict(X_test) == y_test) >= 0.93, seed


def test_nothing_the_caller_passes_is_modified() -> None:
    rng = np.random.default_rng(0)
    w1, b1 = rng.normal(size=(5, 3)), rng.normal(size=5)
    w2, b2 = rng.normal(size=(2, 5)), rng.normal(size=2)
    x, y = rng.normal(size=(4, 3)), np.array([0, 1, 1, 0])
    given = [a.copy() for a in (w1, b1, w2, b2, x, y)]
    net = Sequential(Linear.from_weights(w1, b1), ReLU(), Linear.from_weights(w2, b2))
    net.loss_and_backward(x, y)
    net.step(0.5)  # moves the network's own copies
    logits = rng.normal(size=(4, 2))
    kept = logits.copy()
    softmax_cross_entropy(logits, y)
    log_softmax(logits)
    grad = rng.normal(size=(4, 5))
    grad_kept = grad.copy()
    relu = ReLU()
    relu.forward(rng.normal(size=(4, 5)))
    relu.backward(grad)
    for before, after in zip(given, (w1, b1, w2, b2, x, y), strict=True):
        assert np.array_equal(before, after)
    assert np.array_equal(logits, kept) and np.array_equal(grad, grad_kept)
    assert not np.array_equal(net.layers[0].params["weight"], w1)  # the step did move it


@pytest.mark.parametrize(
    ("call", "error", "says"),
    [
        (lambda: Linear(3, 2).forward(np.ones((4, 2))), DataError, "shape (n, 3)"),
        (lambda: Linear(3, 2).forward(np.ones(3)), DataError, "got shape (3,)"),
        (lambda: Linear(3, 2).forward(np.ones((0, 3))), DataError, "n ≥ 1"),
        (lambda: ReLU().forward(np.array([[1.0, np.nan]])), DataError, "1 NaN or infinite"),
        (lambda: Tanh().forward(np.array([["a", "b"]])), DataError, "dtype <U1"),
        (lambda: Linear(3, 2).backward(np.ones((1, 2))), UsageError, "before forward"),
        (lambda: softmax_cross_entropy(np.ones((2, 3)), np.array([0, 3])), DataError, "0 to 2"),
        (lambda: softmax_cross_entropy(np.ones((2, 3)), np.array([0.0, 1.0])), DataError, "float"),
        (lambda: softmax_cross_entropy(np.ones((2, 3)), np.array([0])), DataError, "shape (1,)"),
        (lambda: softmax_cross_entropy(np.ones((2, 3)), np.array([-1, 0])), DataError, "-1"),
        (lambda: Linear.from_weights(np.ones((2, 3)), np.ones(3)), DataError, "(2, 3) and (3,)"),
        (lambda: Linear(0, 2), UsageError, "0 → 2"),
        (lambda: Linear(2, 2, init="kaiming"), UsageError, "'kaiming'"),  # type: ignore[arg-type]
        (lambda: two_layer_net(2, 2, 2, activation="gelu"), UsageError, "'gelu'"),  # type: ignore[arg-type]
        (lambda: two_layer_net(2, 2, 2).step(0.1), UsageError, "no gradients yet"),
        (lambda: Sequential(), UsageError, "at least one layer"),
    ],
)
def test_bad_input_says_what_was_received(
    call: Callable[[], object], error: type[Exception], says: str
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert says in str(caught.value)
    assert caught.value.hint  # type: ignore[attr-defined]  # and what to do


def test_a_gradient_of_the_wrong_shape_is_refused() -> None:
    layer = ReLU()
    layer.forward(np.ones((4, 3)))
    with pytest.raises(UsageError, match=r"got a gradient of shape \(3, 4\); its forward returned"):
        layer.backward(np.ones((3, 4)))
