"""A neural network in NumPy with its backward pass written by hand: what ``loss.backward()`` does.

The idea. A network is a chain of functions, x → Linear → ReLU → Linear → loss, and training
needs the slope of the loss along every weight. The chain rule gives all of them in one sweep
*backwards*: each layer receives ∂loss/∂(its output) from the layer after it, keeps
∂loss/∂(its weights), and hands ∂loss/∂(its input) to the layer before it. So a layer is two
methods: ``forward(x)`` computes its output and keeps what the slope will need, and
``backward(grad)`` turns the gradient of its output into the gradient of its input. PyTorch's
autograd records the same chain while the forward runs and calls the same backward formulas;
here they are written out, one per layer, a few lines each.

The design.

* Shapes: a batch is ``(n, features)``, one row per sample. A :class:`Linear` layer's weight is
  ``(out, in)`` and its output ``x Wᵀ + b``, as in ``torch.nn.Linear``, so weights move between
  the two unchanged (the tests do exactly that).
* Softmax and cross-entropy are one function, :func:`softmax_cross_entropy`: together their
  gradient is simply ``(softmax − one-hot) / n``, and the loss comes from :func:`log_softmax`,
  computed with the log-sum-exp shift. The naive ``log(exp(z) / sum(exp(z)))`` overflows from a
  logit of 710 (``exp(710)`` is inf in float64, the loss NaN) and takes ``log(0) = −inf`` when
  the true class trails by more than 745; shifted by the row's maximum, the largest term is
  ``exp(0) = 1``, the sum lies in [1, k], and the loss is exact for any finite logits (a true
  class 1000 behind costs 1000, as in torch).
* The loss is the *mean* over the batch, so its 1/n is applied once, in the loss's gradient;
  the layers then *sum* over the batch (a bias's gradient is ``grad.sum(axis=0)``). A 1/n
  missing or applied twice changes every gradient by a factor n, which a batch of 1 hides: the
  tests use batches of 6, 7 and 32 beside it.
* Nothing is modified in place that the caller handed in: ``backward`` builds new arrays, and
  :meth:`Linear.from_weights` copies the weights it is given, so :meth:`Sequential.step` (the
  only in-place update, on the network's own weights) never reaches back into the caller's.
* Everything is float64: the tests compare every gradient with ``torch.autograd`` on float64
  within 1e-6 (the largest difference measured, over 3 activations, 4 shapes and 5 seeds, is
  9e-16), and with central differences (:mod:`aieng.deep.gradcheck`).

Bad input — a batch of the wrong shape, NaN, a label out of range, backward before forward — is
an :class:`~aieng.errors.AiengError` that says what was received and what to do.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Literal

import numpy as np
import numpy.typing as npt

from aieng.errors import DataError, UsageError

__all__ = [
    "Layer",
    "Linear",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
    "log_softmax",
    "softmax",
    "softmax_cross_entropy",
    "two_layer_net",
]

Array = npt.NDArray[np.float64]
Init = Literal["he", "xavier"] | float


def _batch(x: object, where: str, features: int | None = None) -> Array:
    """``x`` as a float64 batch ``(n, features)`` with n ≥ 1 and finite values, or why not."""
    a = np.asarray(x)
    want = f"(n, {features})" if features is not None else "(n, features)"
    if a.ndim != 2 or a.shape[0] == 0 or (features is not None and a.shape[1] != features):
        raise DataError(
            f"{where} expects a batch of shape {want} with n ≥ 1; got shape {a.shape}",
            hint="pass one row per sample and one column per feature; a single sample is "
            "x.reshape(1, -1).",
        )
    if a.dtype.kind not in "fiub":
        raise DataError(
            f"{where} expects numbers; got an array of dtype {a.dtype}",
            hint="encode text columns as numbers first (one-hot, or codes).",
        )
    a = a.astype(np.float64, copy=False)
    if not np.isfinite(a).all():
        raise DataError(
            f"{where} got {int((~np.isfinite(a)).sum())} NaN or infinite values",
            hint="impute or drop them first: one NaN makes every gradient NaN.",
        )
    return a


class Layer:
    """One link of the chain: ``forward(x) -> y`` and ``backward(∂loss/∂y) -> ∂loss/∂x``.

    ``params`` holds the layer's weights by name (none for an activation); ``backward`` fills
    ``grads`` with ∂loss/∂(each weight), the same names and shapes.
    """

    name = "layer"

    def __init__(self) -> None:
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}
        self._out_shape: tuple[int, ...] | None = None  # the last forward's output shape

    def forward(self, x: Array) -> Array:
        raise NotImplementedError

    def backward(self, grad_out: Array) -> Array:
        raise NotImplementedError

    def _check_grad(self, grad_out: object) -> Array:
        """``grad_out`` must be the gradient of the last forward's output: its very shape."""
        if self._out_shape is None:
            raise UsageError(
                f"{self.name}.backward was called before forward",
                hint="call forward(x) first: backward needs what forward kept.",
            )
        g = np.asarray(grad_out, dtype=np.float64)
        if g.shape != self._out_shape:
            raise UsageError(
                f"{self.name}.backward got a gradient of shape {g.shape}; its forward "
                f"returned shape {self._out_shape}",
                hint="pass ∂loss/∂(this layer's output): one number per output value.",
            )
        return g


class Linear(Layer):
    """``y = x Wᵀ + b``: x (n, in), W (out, in), b (out,), y (n, out).

    ``init`` sets the spread of the random weights: ``"he"`` (std √(2/in): keeps the signal's
    size through ReLUs, which zero half of it), ``"xavier"`` (std √(2/(in+out)), for tanh and
    sigmoid), or a number, the std itself (a small one shows vanishing gradients). Biases start
    at 0 (``bias`` sets another start: a large negative one shows dead ReLUs).
    """

    name = "Linear"

    def __init__(
        self,
        in_features: int,
        out_features: int,
        *,
        init: Init = "he",
        bias: float = 0.0,
        seed: int | np.random.Generator = 0,
    ) -> None:
        super().__init__()
        if in_features < 1 or out_features < 1:
            raise UsageError(
                f"a Linear layer needs at least one input and one output; got "
                f"{in_features} → {out_features}",
                hint="pass in_features ≥ 1 and out_features ≥ 1.",
            )
        if init == "he":
            std = math.sqrt(2.0 / in_features)
        elif init == "xavier":
            std = math.sqrt(2.0 / (in_features + out_features))
        elif isinstance(init, int | float) and not isinstance(init, bool) and init >= 0:
            std = float(init)
        else:
            raise UsageError(
                f"unknown init {init!r}", hint="use 'he', 'xavier' or a std ≥ 0 (a number)."
            )
        rng = np.random.default_rng(seed)
        self.params = {
            "weight": rng.normal(0.0, std, size=(out_features, in_features)),
            "bias": np.full(out_features, float(bias)),
        }
        self._x: Array | None = None

    @classmethod
    def from_weights(cls, weight: object, bias: object) -> Linear:
        """A layer with these weights, W (out, in) and b (out,), copied: the caller's stay put."""
        w = np.array(weight, dtype=np.float64)  # np.array copies; asarray would share
        b = np.array(bias, dtype=np.float64)
        if w.ndim != 2 or b.shape != (w.shape[0],) or w.size == 0:
            raise DataError(
                f"a Linear layer's weight is (out, in) and its bias (out,); got shapes "
                f"{w.shape} and {b.shape}",
                hint="as in torch.nn.Linear: one row of weight and one bias per output.",
            )
        layer = cls(w.shape[1], w.shape[0])
        layer.params = {"weight": w, "bias": b}
        return layer

    @property
    def in_features(self) -> int:
        return int(self.params["weight"].shape[1])

    @property
    def out_features(self) -> int:
        return int(self.params["weight"].shape[0])

    def forward(self, x: Array) -> Array:
        x = _batch(x, f"Linear({self.in_features} → {self.out_features})", self.in_features)
        self._x = x  # backward needs the input (∂y/∂W is x): kept, not copied, as torch does
        y = x @ self.params["weight"].T + self.params["bias"]  # (n, out)
        self._out_shape = y.shape
        return y

    def backward(self, grad_out: Array) -> Array:
        g = self._check_grad(grad_out)  # (n, out)
        assert self._x is not None  # set by forward, which _check_grad has seen
        # y[i, o] = Σ_j x[i, j] W[o, j] + b[o], so each sample adds x[i] to W[o]'s slope,
        # weighted by g[i, o]: the sum of outer products gᵀ x. Summed, not averaged: the loss
        # took the mean already, and its gradient carries the 1/n.
        self.grads = {"weight": g.T @ self._x, "bias": g.sum(axis=0)}  # (out, in), (out,)
        return g @ self.params["weight"]  # (n, in): each input feeds every output through W


class ReLU(Layer):
    """``max(x, 0)``: the slope is 1 where x > 0 and 0 elsewhere (0 at x = 0 too, as torch)."""

    name = "ReLU"

    def __init__(self) -> None:
        super().__init__()
        self._positive: npt.NDArray[np.bool_] | None = None

    def forward(self, x: Array) -> Array:
        x = _batch(x, "ReLU")
        self._positive = x > 0  # all backward needs: which side of the kink each input was
        self._out_shape = x.shape
        return np.maximum(x, 0.0)

    def backward(self, grad_out: Array) -> Array:
        g = self._check_grad(grad_out)
        assert self._positive is not None
        # A new array: `g[~positive] = 0` would zero the caller's gradient in place.
        return g * self._positive


class Tanh(Layer):
    """``tanh(x)``, whose slope ``1 − tanh²`` is at most 1 and vanishes as |x| grows."""

    name = "Tanh"

    def __init__(self) -> None:
        super().__init__()
        self._y: Array | None = None

    def forward(self, x: Array) -> Array:
        self._y = np.tanh(_batch(x, "Tanh"))  # the slope is a function of the output
        self._out_shape = self._y.shape
        return self._y

    def backward(self, grad_out: Array) -> Array:
        g = self._check_grad(grad_out)
        assert self._y is not None
        return g * (1.0 - self._y**2)


class Sigmoid(Layer):
    """``1 / (1 + e^{−x})``, whose slope ``σ(1 − σ)`` is at most 1/4."""

    name = "Sigmoid"

    def __init__(self) -> None:
        super().__init__()
        self._y: Array | None = None

    def forward(self, x: Array) -> Array:
        # exp(−log(1 + e^{−x})): the naive 1 / (1 + exp(−x)) overflows (with a warning) for
        # x < −709; np.logaddexp never does.
        self._y = np.exp(-np.logaddexp(0.0, -_batch(x, "Sigmoid")))
        self._out_shape = self._y.shape
        return self._y

    def backward(self, grad_out: Array) -> Array:
        g = self._check_grad(grad_out)
        assert self._y is not None
        return g * self._y * (1.0 - self._y)


def log_softmax(logits: Array) -> Array:
    """``log(softmax(z))`` row by row, (n, k) → (n, k), exact for any finite logits.

    Subtracting a row's maximum changes no probability (it divides the top and the bottom of
    the softmax by the same e^max) but makes the largest exponent e^0 = 1: nothing overflows,
    and the sum, at least 1, never has a log of 0.
    """
    z = _batch(logits, "log_softmax")
    shifted: Array = z - z.max(axis=1, keepdims=True)  # new: the caller's logits stay put
    log_sum: Array = np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (n, 1), ≥ 0
    return shifted - log_sum


def softmax(logits: Array) -> Array:
    """Class probabilities, (n, k) → (n, k), each row summing to 1."""
    return np.exp(log_softmax(logits))


def _labels(labels: object, n: int, k: int) -> npt.NDArray[np.intp]:
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iu":
        raise DataError(
            f"labels must be {n} integer class indices, shape ({n},); got shape {y.shape} "
            f"of dtype {y.dtype}",
            hint="one class index per row of logits, e.g. labels.astype(int).",
        )
    if y.min() < 0 or y.max() >= k:
        raise DataError(
            f"labels must be class indices from 0 to {k - 1} (the logits have {k} columns); "
            f"got values from {y.min()} to {y.max()}",
            hint="encode the classes as 0 … k−1 (np.unique(y, return_inverse=True)).",
        )
    return y.astype(np.intp)


def softmax_cross_entropy(logits: Array, labels: object) -> tuple[float, Array]:
    """The mean cross-entropy of ``logits`` (n, k) against ``labels`` (n,) and its gradient.

    Returns ``(loss, ∂loss/∂logits)``: the loss is ``−mean(log softmax(z)[i, yᵢ])``, the same
    as ``torch.nn.functional.cross_entropy``; the gradient (n, k) is
    ``(softmax(z) − one_hot(y)) / n`` — what was predicted minus what was true, the 1/n of the
    mean.
    """
    logp = log_softmax(logits)  # (n, k)
    n, k = logp.shape
    rows, y = np.arange(n), _labels(labels, n, k)
    loss = -float(logp[rows, y].mean())
    grad = np.exp(logp)  # softmax, a new array: changing it below touches nothing else
    grad[rows, y] -= 1.0
    return loss, grad / n


class Sequential:
    """Layers applied in order; ``backward`` goes through them in reverse (the chain rule).

    After :meth:`loss_and_backward`, ``outputs[i]`` is layer i's output, ``grad_outputs[i]``
    the gradient that reached it, ∂loss/∂outputs[i] (what :mod:`aieng.deep.diagnostics` shows
    per layer), and ``grad_input`` the gradient of the loss with respect to the input.
    """

    def __init__(self, *layers: Layer) -> None:
        if not layers:
            raise UsageError("a Sequential network needs at least one layer", hint="pass layers.")
        self.layers = list(layers)
        self.outputs: list[Array] = []
        self.grad_outputs: list[Array] = []
        self.grad_input: Array | None = None  # ∂loss/∂x of the last backward

    def forward(self, x: Array) -> Array:
        self.outputs = []
        for layer in self.layers:
            x = layer.forward(x)
            self.outputs.append(x)
        return x

    def backward(self, grad: Array) -> Array:
        """∂loss/∂(network's input); fills every layer's ``grads`` on the way."""
        self.grad_outputs = [grad] * len(self.layers)
        for i in reversed(range(len(self.layers))):
            self.grad_outputs[i] = grad
            grad = self.layers[i].backward(grad)
        self.grad_input = grad
        return grad

    def loss_and_backward(self, x: Array, labels: object) -> float:
        """Forward, the softmax cross-entropy loss, then backward; returns the loss."""
        loss, grad = softmax_cross_entropy(self.forward(x), labels)
        self.backward(grad)
        return loss

    def parameters(self) -> Iterator[tuple[str, Array]]:
        """``(name, weights)``, named as ``torch.nn.Sequential`` names them (``"0.weight"``)."""
        for i, layer in enumerate(self.layers):
            for key, value in layer.params.items():
                yield f"{i}.{key}", value

    def gradients(self) -> dict[str, Array]:
        """∂loss/∂(each weight) from the last backward, under the names of :meth:`parameters`."""
        found = {f"{i}.{k}": g for i, lay in enumerate(self.layers) for k, g in lay.grads.items()}
        if len(found) < len(dict(self.parameters())):
            raise UsageError(
                "the network has no gradients yet", hint="call loss_and_backward(x, labels) first."
            )
        return found

    def step(self, learning_rate: float) -> None:
        """One step of gradient descent, in place on the network's own weights."""
        grads = self.gradients()
        for name, value in self.parameters():
            value -= learning_rate * grads[name]

    def predict(self, x: Array) -> npt.NDArray[np.intp]:
        """The class with the highest logit, per row."""
        best: npt.NDArray[np.intp] = np.argmax(self.forward(x), axis=1)
        return best


def two_layer_net(
    n_in: int,
    n_hidden: int,
    n_out: int,
    *,
    activation: Literal["relu", "tanh", "sigmoid"] = "relu",
    seed: int = 0,
) -> Sequential:
    """Linear → activation → Linear: the smallest network that learns what a line cannot.

    He initialisation before a ReLU, Xavier before tanh or sigmoid (see :class:`Linear`).
    """
    kinds: dict[str, type[Layer]] = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid}
    if activation not in kinds:
        raise UsageError(
            f"unknown activation {activation!r}", hint="use 'relu', 'tanh' or 'sigmoid'."
        )
    rng = np.random.default_rng(seed)
    init: Init = "he" if activation == "relu" else "xavier"
    return Sequential(
        Linear(n_in, n_hidden, init=init, seed=rng),
        kinds[activation](),
        Linear(n_hidden, n_out, init="xavier", seed=rng),
    )
