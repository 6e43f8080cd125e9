"""Exercise m03.gradient — the partial derivatives of the loss, by hand.

Gradient descent needs to know which way is downhill: the gradient, one partial derivative per
parameter. For the loss of exercise m03.loss,

    loss(w, b) = (‖y - X w - b‖² + alpha · ‖w‖²) / (2 n),   r = y - X w - b  (the residual)

the partial derivatives are

    ∂loss/∂w = (-Xᵀ r + alpha · w) / n      (n_features,)
    ∂loss/∂b = -sum(r) / n                  (a float: the intercept is not penalised)

Write ``loss_and_gradient`` returning the tuple ``(loss, grad_w, grad_b)``: the loss as a float,
grad_w as a float array of shape (n_features,), grad_b as a float. Shapes of the inputs are as
in m03.loss; do not change them.

The grader also measures the slope of the loss numerically (finite differences): a correct
gradient *is* that slope. Check with ``aieng check m03.gradient``.
"""

import numpy as np


def loss_and_gradient(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, alpha: float
) -> tuple[float, np.ndarray, float]:
    # TODO: the residual r (n_samples,) and the loss, as in m03.loss
    # TODO: grad_w (n_features,) with X.T @ r — mind the minus sign
    # TODO: grad_b, the mean residual with a minus sign
    raise NotImplementedError("write loss_and_gradient")
