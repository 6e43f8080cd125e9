"""Exercise m07.two-layer-backprop — backpropagation through a whole network.

The network: ``x`` → Linear(``w1``, ``b1``) → ReLU → Linear(``w2``, ``b2``) → logits, scored by
the mean softmax cross-entropy against ``labels``. It is the smallest network that learns what
a straight line cannot.

Training needs the loss's gradient along every weight, and backpropagation gets all of them in
one sweep. The idea: go forward once, keeping what each layer received; then go backwards from
the loss's own gradient. Each layer turns the gradient of its output into the gradients of its
weights, and into the gradient of its input — which is the gradient of the previous layer's
output, where the next step backwards starts. Each piece is an exercise you have done
(m07.linear-layer, m07.relu, m07.softmax-cross-entropy); here they are chained.

Shapes, as in PyTorch: ``x`` (n, d), ``labels`` (n,) integer classes from 0 to k − 1, ``w1``
(h, d), ``b1`` (h,), ``w2`` (k, h), ``b2`` (k,). Write ``two_layer_gradients`` returning
``(loss, grad_w1, grad_b1, grad_w2, grad_b2)``: the loss as a float and each gradient a float
array shaped like its weight. Do not change the inputs. Check with
``aieng check m07.two-layer-backprop``.
"""

import numpy as np


def two_layer_gradients(
    x: np.ndarray,
    labels: np.ndarray,
    w1: np.ndarray,
    b1: np.ndarray,
    w2: np.ndarray,
    b2: np.ndarray,
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # TODO: forward — the hidden layer, its ReLU, the logits, the loss
    # TODO: backward — the logits' gradient, then layer 2, the ReLU, layer 1
    raise NotImplementedError("write two_layer_gradients")
