"""Exercise m03.gradient-descent — train linear regression by walking downhill.

Start from ``w = 0`` (n_features zeros) and ``b = 0``. Then, ``n_epochs`` times, compute the
gradient of the loss ``‖y - X w - b‖² / (2 n)`` (no penalty here) on the whole data set and step
against it:

    w ← w - learning_rate · ∂loss/∂w        ∂loss/∂w = -Xᵀ r / n,   r = y - X w - b
    b ← b - learning_rate · ∂loss/∂b        ∂loss/∂b = -sum(r) / n

Both updates use the gradient computed *before* the step. Return ``(w, b)``: w a float array of
shape (n_features,), b a float. ``X`` is (n_samples, n_features), ``y`` (n_samples,),
``learning_rate`` a positive float, ``n_epochs`` an int ≥ 1. Do not change X or y.

With a small enough learning rate and enough epochs this reaches the least-squares solution;
the grader checks a few exact steps and then convergence. Check with
``aieng check m03.gradient-descent``.
"""

import numpy as np


def gradient_descent(
    X: np.ndarray, y: np.ndarray, learning_rate: float, n_epochs: int
) -> tuple[np.ndarray, float]:
    # TODO: start from zeros
    # TODO: n_epochs times: residual, gradients, one step for w and one for b
    raise NotImplementedError("write gradient_descent")
