"""Exercise m07.relu — the ReLU activation, forward and backward.

A stack of Linear layers is still one Linear layer: a weighted sum of weighted sums is a
weighted sum. What lets a network learn curved boundaries is a non-linear step between them,
and the simplest is the ReLU: it keeps a positive input as it is and turns anything else into 0.

Backward, the ReLU receives ``grad_out`` — how much the loss changes per unit of each of its
outputs — and returns ``grad_x``, the same per unit of each input. The idea: where an input was
positive, the output follows it one for one, so the gradient passes through unchanged; where
it was negative, the output stays 0 whatever the input does, so nothing passes. At exactly 0
the ReLU has a corner and no slope; take 0 there, as PyTorch does.

Write ``relu`` returning ``(out, grad_x)``, float arrays of the shape of ``x`` (n, units);
``grad_out`` has that shape too. Do not change ``x`` or ``grad_out``: the layer around yours
still needs them, and an assignment into a slice of one (``a[mask] = 0``) writes into the
caller's array. Check with ``aieng check m07.relu``.
"""

import numpy as np


def relu(x: np.ndarray, grad_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # TODO: out — the inputs, with everything not positive replaced by 0
    # TODO: grad_x — grad_out where the input was positive, 0 elsewhere
    raise NotImplementedError("write relu")
