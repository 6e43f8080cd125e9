"""Exercise m03.gradient — the partial derivatives of the loss, by hand.

Gradient descent needs to know which way is downhill: the gradient, one partial derivative per
parameter. Derive them for the loss of exercise m03.loss,

    loss(w, b) = (‖y - X w - b‖² + alpha · ‖w‖²) / (2 n),

with the chain rule — one for each slope ``w[j]`` and one for the intercept ``b`` (which the
penalty does not touch) — then write them with matrix products, for all features at once.

Write ``loss_and_gradient`` returning the tuple ``(loss, grad_w, grad_b)``: the loss as a float,
grad_w as a float array of shape (n_features,), grad_b as a float. Shapes of the inputs are as
in m03.loss; do not change them.

The grader also measures the slope of the loss numerically (finite differences): a correct
gradient *is* that slope, so a failure shows you the number to aim for. Check with
``aieng check m03.gradient``.
"""

import numpy as np


def loss_and_gradient(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, alpha: float
) -> tuple[float, np.ndarray, float]:
    # TODO: the loss, as in m03.loss
    # TODO: d loss / d w, one number per feature
    # TODO: d loss / d b
    raise NotImplementedError("write loss_and_gradient")
