"""Exercise m07.linear-layer — a Linear layer's forward and backward pass, by hand.

A Linear layer (``torch.nn.Linear``) gives each of its outputs a weighted sum of the inputs,
plus that output's bias. To train it, the network needs to know how the loss moves when any
number in it moves. The layer after this one has worked out ``grad_out``: how much the loss
changes per unit of each of this layer's outputs. From it, this layer works out

* ``grad_x`` — how much the loss changes per unit of each *input*: the layer before needs it,
  to go on backwards;
* ``grad_weight`` and ``grad_bias`` — per unit of each weight and each bias: what training
  updates.

The idea: an output moves by a weight's worth when the input it multiplies moves by one, and
by the input's worth when the weight moves by one. Where a number reaches the loss along
several paths (an input feeds every output; a weight is used by every sample), the paths add
up. The loss already averaged over the batch, so the layer adds its samples' contributions; it
does not divide again.

Shapes, as in PyTorch: ``x`` (n, in), ``weight`` (out, in), ``bias`` (out,), ``grad_out``
(n, out). Write ``linear_layer`` returning the tuple ``(out, grad_x, grad_weight, grad_bias)``,
float arrays of shapes (n, out), (n, in), (out, in) and (out,). One sample is still a batch,
of shape (1, in). Do not change the arrays you are given. Check with
``aieng check m07.linear-layer``.
"""

import numpy as np


def linear_layer(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray, grad_out: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # TODO: out, one row per sample and one column per output
    # TODO: grad_x, the loss's slope along each input
    # TODO: grad_weight and grad_bias, its slope along each weight and bias
    raise NotImplementedError("write linear_layer")
