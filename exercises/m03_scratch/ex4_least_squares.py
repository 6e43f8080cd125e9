"""Exercise m03.least-squares — the closed form, solved the way numerical libraries do.

Least squares has an exact answer: the ``w`` and ``b`` that minimise ``‖y - X w - b‖²``.
Write ``least_squares`` returning ``(coef, intercept)``: coef a float array of shape
(n_features,), intercept a float. ``X`` is (n_samples, n_features) with more rows than columns,
``y`` is (n_samples,). Do not change X or y.

Two ways that work: center X and y (subtract column means), solve for the slopes, then
``intercept = mean(y) - mean(X) · coef``; or add a column of ones to X and solve for both.
Either way solve with ``np.linalg.lstsq`` — not with ``np.linalg.inv(X.T @ X)``: one grader
case has two almost identical columns, and forming XᵀX squares their condition number.

Check with ``aieng check m03.least-squares``.
"""

import numpy as np


def least_squares(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    # TODO: handle the intercept (center, or a column of ones)
    # TODO: np.linalg.lstsq(..., rcond=None) for the slopes
    raise NotImplementedError("write least_squares")
