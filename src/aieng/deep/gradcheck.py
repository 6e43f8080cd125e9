"""The gradient check: a hand-written backward pass proved by nudging each weight.

The idea. A gradient is a slope, and a slope can be measured: move one weight by +h and by −h,
and ``(loss(w + h) − loss(w − h)) / 2h`` is its partial derivative up to an error of order h²
(the *central* difference; the one-sided ``(loss(w + h) − loss(w)) / h`` errs by order h). It
costs two forward passes per weight — far too slow to train with (two million passes per step
for a million weights), exactly right to prove a backward pass on a small network once.

The design.

* The step: h = 1e-6 in float64. Smaller, and rounding takes over (the loss is known to about
  1e-16, so the difference of two losses divided by 2h carries an error near 1e-16 / 1e-6 =
  1e-10); larger, and the h² truncation does. Measured on two-layer networks (ReLU, tanh and
  sigmoid; batches of 1 to 32, up to 20 inputs, 50 hidden units and 10 classes; 5 seeds each),
  the largest |analytic − numeric| is 1.0e-9.
* The verdict: an entry passes when ``|analytic − numeric| ≤ atol + rtol · |numeric|`` with
  rtol = 1e-6 and atol = 1e-8, NumPy's ``isclose`` rule. Over the same networks the worst
  entry uses 7 % of that allowance, and a real bug leaves far more (a missing 1/n is off by a
  factor n; a ReLU mask on the wrong side is off by the whole gradient).
* A ReLU's kink: when a pre-activation lies within h of 0, the nudges land on both sides of it
  and the central difference averages two slopes. Random float data lands there rarely (each
  check draws a fresh batch in the tests), and such a failure names the weight, not a bug.
* The network's own weights are nudged in place and put back exactly (the value kept, not
  ``w + h − h``, which can differ in the last bit); the caller's input is nudged on a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from aieng.deep.numpy_net import Array, Sequential, softmax_cross_entropy

__all__ = ["ATOL", "RTOL", "STEP", "Check", "check_gradients", "numerical_gradient"]

STEP = 1e-6  # h: the balance of truncation (h²) and rounding (1e-16 / h) error in float64
RTOL = 1e-6  # relative tolerance of the verdict (the worst entry measured uses 7 % of it)
ATOL = 1e-8  # absolute tolerance: for slopes that are 0 (a dead unit's weights)


@dataclass(frozen=True)
class Check:
    """One array's verdict: its backward gradient against central differences."""

    name: str  # "0.weight" (as Sequential.parameters names it), or "input"
    max_error: float  # the largest |analytic − numeric| over its entries
    worst: float  # the largest |analytic − numeric| / (atol + rtol·|numeric|): ≤ 1 passes
    analytic: Array  # what backward computed
    numeric: Array  # what nudging measured

    @property
    def passed(self) -> bool:
        return self.worst <= 1.0


def numerical_gradient(loss: Callable[[], float], value: Array, *, step: float = STEP) -> Array:
    """∂loss/∂value by central differences, one entry at a time; ``value`` is nudged in place.

    ``loss`` recomputes the loss from the current contents of ``value`` (and whatever else it
    closes over). Every entry is restored before the next is nudged, and at the end.
    """
    grad = np.empty_like(value)
    for index in np.ndindex(value.shape):
        kept = value[index]
        value[index] = kept + step
        up = loss()
        value[index] = kept - step
        down = loss()
        value[index] = kept
        grad[index] = (up - down) / (2 * step)
    return grad


def check_gradients(
    net: Sequential,
    x: Array,
    labels: object,
    *,
    step: float = STEP,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> list[Check]:
    """Every weight's gradient, and the input's, from ``net``'s backward against nudging.

    The loss is the softmax cross-entropy of ``net(x)`` against ``labels``. Returns one
    :class:`Check` per array, in the order of ``net.parameters()``, then ``"input"``.
    """
    x = np.array(x, dtype=np.float64)  # a copy: the input's nudges stay here
    net.loss_and_backward(x, labels)  # the backward under test, as training runs it
    assert net.grad_input is not None  # set by every backward
    found = {name: grad.copy() for name, grad in net.gradients().items()}
    found["input"] = net.grad_input.copy()

    def loss() -> float:
        return softmax_cross_entropy(net.forward(x), labels)[0]

    arrays = [*net.parameters(), ("input", x)]
    checks = []
    for name, value in arrays:
        numeric = numerical_gradient(loss, value, step=step)
        error = np.abs(found[name] - numeric)
        checks.append(
            Check(
                name=name,
                max_error=float(error.max()),
                worst=float((error / (atol + rtol * np.abs(numeric))).max()),
                analytic=found[name],
                numeric=numeric,
            )
        )
    return checks
