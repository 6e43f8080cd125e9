"""Graders of month 7 (``aieng.deep.numpy_net``): a network's forward and backward by hand.

References are the package's NumPy layers: ``Linear`` and ``ReLU`` (built from the case's
weights, one forward, one backward with the case's upstream gradient), ``log_softmax``,
``softmax_cross_entropy``, and a ``Sequential`` of Linear → ReLU → Linear for backprop through
two layers. Those are checked against ``torch.autograd`` in the package's tests, so the grader
needs neither torch nor anything but NumPy in the learner's process.

Every property a starter states has a fixed case that breaks the mistake against it:

* shapes: a square layer (3 → 3), where ``x @ W`` and a transposed gradient have the right
  shape and the wrong numbers; a square batch of logits (2 × 2), where a row's maximum taken
  without ``keepdims`` broadcasts along the wrong axis without an error;
* the mean's 1/n: batches of 3 to 5 rows (with one row, the sum is the mean and nothing shows);
* a batch of 1, one class, one input feature: the edges of every shape;
* extreme logits: in the thousands (``exp(1000)`` overflows: NumPy's warning fails the check),
  a true class 2000 behind (the loss is 2000, where ``log(p + 1e-12)`` stops at 27.6), and two
  rows 2000 apart (a shift by the batch's maximum, not each row's, underflows the lower row);
* the ReLU's kink: inputs exactly 0, whose slope is 0 (PyTorch's convention), and upstream
  gradients of both signs, so a mask taken from the gradient instead of the input shows;
* the in-place trap: the sandbox compares every input before and after the call, so
  ``x[x < 0] = 0`` or ``logits -= logits.max(...)`` fails on the first case.

Generated cases (seeded, 25 to 30 each) draw shapes from 1 to 8 and values from several scales;
the ReLU's draw half-integers, so exact zeros come up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]


def _f(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def _i(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def _n(case: Case) -> int:
    return len(case.args[0])  # every exercise's first argument is the batch (n, …)


def _explain_batch(case: Case, name: str, got: Any, expected: Any) -> str:
    """Say so when a value is off by exactly the batch size or its sign: the usual suspects."""
    n = _n(case)
    got_a, want = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got_a.shape != want.shape or not np.any(want):
        return ""
    if n > 1 and np.allclose(got_a, want * n, rtol=1e-6, atol=1e-12):
        return (
            f"{name} is n = {n} times too large: the loss is the mean over the {n} samples, so "
            "the gradient carries its 1/n — once, where the loss's gradient starts."
        )
    if n > 1 and np.allclose(got_a, want / n, rtol=1e-6, atol=1e-12):
        return (
            f"{name} is n = {n} times too small: the 1/n of the mean was applied twice. The "
            "gradient reaching a layer already holds it, so the layer sums over the batch."
        )
    if np.allclose(got_a, -want, rtol=1e-6, atol=1e-12):
        return (
            f"{name} has the opposite sign: a gradient points the way the loss grows (training "
            "then steps against it), so it is predicted minus true, not true minus predicted."
        )
    return ""


# ── m07.linear-layer ──────────────────────────────────────────────────────────────────────────


def _linear_reference(cls: Any) -> Fn:
    def linear_layer(x: Any, weight: Any, bias: Any, grad_out: Any) -> tuple[Any, ...]:
        layer = cls.from_weights(weight, bias)
        out = layer.forward(x)
        grad_x = layer.backward(grad_out)
        return out, grad_x, layer.grads["weight"], layer.grads["bias"]

    return linear_layer


def _linear_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, d, k = (int(v) for v in rng.integers(1, [9, 7, 7]))
    scale = float(rng.choice([0.1, 1.0, 10.0]))
    return (
        rng.normal(scale=scale, size=(n, d)),
        rng.normal(size=(k, d)),
        rng.normal(size=k),
        rng.normal(size=(n, k)),
    )


_LINEAR_FIXED = [
    Case(
        "one sample, 2 inputs → 3 outputs",
        (_f([1.0, 2.0]), _f([1, 0], [0, 1], [1, -1]), _f(0.5, -0.5, 0.0), _f([1.0, 2.0, -1.0])),
    ),
    Case(
        "four samples, 3 inputs → 2 outputs: the samples' slopes add up",
        (
            _f([1, 0, 2], [0, 1, 1], [2, 2, 0], [1, 3, 1]),
            _f([0.5, -1, 2], [1, 1, 0]),
            _f(0.25, -2.0),
            _f([1, -1], [0.5, 2], [-2, 0], [1, 1]),
        ),
    ),
    Case(
        "a square layer, 3 → 3: a transpose keeps the shapes and changes the numbers",
        (
            _f([1, 2, 0], [0, -1, 3]),
            _f([1, 2, 3], [0, 1, 4], [5, 6, 0]),
            _f(0.0, 1.0, -1.0),
            _f([1, 0, 2], [-1, 3, 1]),
        ),
    ),
    Case(
        "five samples, one input, one output",
        (_f([1.0], [2.0], [3.0], [-1.0], [0.0]), _f([2.0]), _f(1.0), _f([1], [0], [-1], [2], [3])),
    ),
]


# ── m07.relu ──────────────────────────────────────────────────────────────────────────────────


def _relu_reference(cls: Any) -> Fn:
    def relu(x: Any, grad_out: Any) -> tuple[Any, Any]:
        layer = cls()
        return layer.forward(x), layer.backward(grad_out)

    return relu


def _relu_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, k = (int(v) for v in rng.integers(1, [8, 8]))
    if rng.random() < 0.5:  # half-integers from −3 to 3: exact zeros come up
        x = rng.integers(-6, 7, size=(n, k)) / 2.0
    else:
        x = rng.normal(scale=float(rng.choice([0.01, 1.0, 100.0])), size=(n, k))
    return (x, rng.normal(size=(n, k)))


_RELU_FIXED = [
    Case("one sample, one negative and one positive input", (_f([-2.0, 3.0]), _f([5.0, 7.0]))),
    Case(
        "upstream gradients of both signs: the input decides, not the gradient",
        (_f([1.0, -1.0, 2.0], [-3.0, 4.0, 0.5]), _f([-2.0, 3.0, 0.5], [1.0, -1.0, -4.0])),
    ),
    Case(
        "inputs exactly 0: the slope there is 0, as in PyTorch",
        (_f([0.0, 1.0, -1.0, 0.0], [0.0, 0.0, 2.0, -0.5]), _f([1, 1, 1, 1], [2, 3, 4, 5])),
    ),
    Case(
        "every input negative: nothing passes", (_f([-1.0, -0.5], [-3.0, -2.0]), _f([1, 2], [3, 4]))
    ),
]


def _explain_relu(case: Case, name: str, got: Any, expected: Any) -> str:
    x = case.args[0]
    got_a = np.asarray(got, dtype=float)
    if name != "grad_x" or got_a.shape != x.shape:
        return ""
    wrong = ~np.isclose(got_a, expected, rtol=1e-7, atol=1e-9)
    if np.all(x[wrong] == 0):
        return (
            "the values differ only where x is exactly 0: a ReLU has no slope there, and the "
            "convention (PyTorch's) is 0 — pass the gradient only where x > 0."
        )
    return ""


# ── m07.log-softmax ───────────────────────────────────────────────────────────────────────────


def _log_softmax_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, k = (int(v) for v in rng.integers(1, [8, 8]))
    scale = float(rng.choice([1.0, 10.0, 300.0]))
    return (rng.normal(scale=scale, size=(n, k)) + rng.normal(scale=scale),)


_LOG_SOFTMAX_FIXED = [
    Case("one sample, three classes", (_f([1.0, 2.0, 3.0]),)),
    Case("a square batch, 2 × 2: each row is shifted by its own maximum", (_f([1, 2], [3, 6]),)),
    Case("one class: its probability is 1, its log 0", (_f([5.0], [-3.0]),)),
    Case("logits in the thousands: exp(1000) overflows float64", (_f([1000, 1001, 999]),)),
    Case(
        "two rows 2000 apart: shifting both by the batch's maximum empties the lower row",
        (_f([1000.0, 999.0], [-1000.0, -1001.0]),),
    ),
    Case("one class 2000 behind: its probability is e^-2000", (_f([1000.0, -1000.0, 999.0]),)),
]


# ── m07.softmax-cross-entropy ─────────────────────────────────────────────────────────────────


def _cross_entropy_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, k = int(rng.integers(1, 9)), int(rng.integers(2, 7))
    scale = float(rng.choice([1.0, 10.0, 300.0]))
    return (rng.normal(scale=scale, size=(n, k)), rng.integers(0, k, size=n))


_CROSS_ENTROPY_FIXED = [
    Case("one sample, three classes", (_f([2.0, 1.0, 0.0]), _i(0))),
    Case(
        "three samples: the loss is their mean",
        (_f([1, 2, 0, -1], [0, 0, 0, 0], [3, -2, 1, 1]), _i(3, 0, 1)),
    ),
    Case(
        "a confident wrong answer: the true class is 2000 behind",
        (_f([1000.0, 0.0, -1000.0], [0.0, 1.0, 2.0]), _i(2, 2)),
    ),
    Case(
        "logits in the thousands: exp(1000) overflows float64",
        (_f([1000, 1001], [999, 1000]), _i(1, 0)),
    ),
    Case(
        "five samples, two classes",
        (_f([0, 1], [2, 0], [1, 1], [-1, 3], [0.5, 0]), _i(1, 0, 0, 1, 1)),
    ),
]


# ── m07.two-layer-backprop ────────────────────────────────────────────────────────────────────


def _two_layer_reference(cls: Any) -> Fn:
    def two_layer_gradients(
        x: Any, labels: Any, w1: Any, b1: Any, w2: Any, b2: Any
    ) -> tuple[Any, ...]:
        from aieng.deep.numpy_net import Linear, ReLU  # the reference's own layers

        net = cls(Linear.from_weights(w1, b1), ReLU(), Linear.from_weights(w2, b2))
        loss = net.loss_and_backward(x, labels)
        grads = net.gradients()
        return loss, grads["0.weight"], grads["0.bias"], grads["2.weight"], grads["2.bias"]

    return two_layer_gradients


def _two_layer_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, d, h, k = (int(v) for v in rng.integers([1, 1, 1, 2], [9, 6, 7, 5]))
    return (
        rng.normal(size=(n, d)),
        rng.integers(0, k, size=n),
        rng.normal(scale=np.sqrt(2 / d), size=(h, d)),
        rng.normal(scale=0.5, size=h),
        rng.normal(scale=np.sqrt(1 / h), size=(k, h)),
        rng.normal(scale=0.5, size=k),
    )


_TWO_LAYER_FIXED = [
    Case(
        "one sample, 2 inputs, 3 hidden units (one of them negative), 2 classes",
        (
            _f([1.0, 2.0]),
            _i(1),
            _f([1, 0], [0, -1], [1, 1]),
            _f(0.0, 0.5, -1.0),
            _f([1, -1, 0.5], [0, 2, -1]),
            _f(0.1, -0.1),
        ),
    ),
    Case(
        "four samples: the mean's 1/n, once",
        (
            _f([1, 0], [0, 1], [1, 1], [-1, 2]),
            _i(0, 1, 2, 1),
            _f([1, -1], [0.5, 2], [-1, 1]),
            _f(0.5, -0.5, 0.0),
            _f([1, 0, -1], [0, 1, 1], [-1, 1, 0]),
            _f(0.0, 0.0, 0.0),
        ),
    ),
    Case(
        "a dead hidden unit: negative for every sample, so its weights get no gradient",
        (
            _f([1, 2], [3, -1], [0, 1]),
            _i(0, 1, 1),
            _f([1, 1], [0.5, -0.5]),
            _f(-100.0, 0.5),
            _f([2, -1], [-1, 1]),
            _f(0.0, 0.5),
        ),
    ),
]


def _floats(*names: str, rtol: float = 1e-7) -> tuple[Output, ...]:
    return tuple(Output(n, "array", rtol=rtol, atol=1e-9) for n in names)


GRADERS: dict[str, Grader] = {
    "m07.linear-layer": Grader(
        params=("x", "weight", "bias", "grad_out"),
        outputs=_floats("out", "grad_x", "grad_weight", "grad_bias"),
        fixed=lambda: list(_LINEAR_FIXED),
        generated=lambda: seeded(_linear_case),
        n_generated=25,
        adapt=_linear_reference,
        explain=_explain_batch,
    ),
    "m07.relu": Grader(
        params=("x", "grad_out"),
        outputs=_floats("out", "grad_x"),
        fixed=lambda: list(_RELU_FIXED),
        generated=lambda: seeded(_relu_case),
        n_generated=25,
        adapt=_relu_reference,
        explain=_explain_relu,
    ),
    "m07.log-softmax": Grader(
        params=("logits",),
        outputs=_floats("log_probabilities"),
        fixed=lambda: list(_LOG_SOFTMAX_FIXED),
        generated=lambda: seeded(_log_softmax_case),
        n_generated=25,
    ),
    "m07.softmax-cross-entropy": Grader(
        params=("logits", "labels"),
        outputs=(Output("loss", "scalar", rtol=1e-7, atol=1e-9), *_floats("grad_logits")),
        fixed=lambda: list(_CROSS_ENTROPY_FIXED),
        generated=lambda: seeded(_cross_entropy_case),
        n_generated=25,
        explain=_explain_batch,
    ),
    "m07.two-layer-backprop": Grader(
        params=("x", "labels", "w1", "b1", "w2", "b2"),
        outputs=(
            Output("loss", "scalar", rtol=1e-7, atol=1e-9),
            *_floats("grad_w1", "grad_b1", "grad_w2", "grad_b2"),
        ),
        fixed=lambda: list(_TWO_LAYER_FIXED),
        generated=lambda: seeded(_two_layer_case),
        n_generated=30,
        adapt=_two_layer_reference,
        explain=_explain_batch,
    ),
}
