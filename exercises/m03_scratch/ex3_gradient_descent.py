"""Exercise m03.gradient-descent — train linear regression by walking downhill.

Minimise the loss of m03.loss without a penalty, ``‖y - X w - b‖² / (2 n)``, by full-batch
gradient descent:

* start from ``w = 0`` (n_features zeros) and ``b = 0``;
* ``n_epochs`` times — no fewer, even when the loss seems to stop moving — compute the
  gradient (m03.gradient with alpha = 0) on the whole data set and step both parameters
  against it by ``learning_rate`` times their slope. Both steps use the gradient computed
  *before* either parameter moved;
* keep ``learning_rate`` fixed. With a step that is too large the loss grows at every epoch:
  that is the lesson, so return where the steps lead (one grader case does this on purpose).

Return ``(w, b)``: w a float array of shape (n_features,), b a float. ``X`` is
(n_samples, n_features), ``y`` (n_samples,), ``learning_rate`` a positive float, ``n_epochs``
an int ≥ 1. Do not change X or y.

With a small enough step and enough epochs this reaches the least-squares solution of
m03.least-squares; the grader compares every case with the package after exactly
``n_epochs`` steps. Check with ``aieng check m03.gradient-descent``.
"""

import numpy as np


def gradient_descent(
    X: np.ndarray, y: np.ndarray, learning_rate: float, n_epochs: int
) -> tuple[np.ndarray, float]:
    # TODO: the starting point
    # TODO: n_epochs times: the gradient at the current point, then one step for w and b
    raise NotImplementedError("write gradient_descent")
