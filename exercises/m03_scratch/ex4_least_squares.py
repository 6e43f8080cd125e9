"""Exercise m03.least-squares — the closed form, solved the way numerical libraries do.

Least squares has an exact answer: the ``w`` and ``b`` that minimise ``‖y - X w - b‖²``.
Write ``least_squares`` returning ``(coef, intercept)``: coef a float array of shape
(n_features,), intercept a float. ``X`` is (n_samples, n_features) with more rows than columns,
``y`` is (n_samples,). Do not change X or y.

Two ideas to combine. The intercept: either work on centred data (the slopes do not depend on
where the origin is) and recover b afterwards, or give b a column of its own. The solve: use
``np.linalg.lstsq``, which works on X itself — not ``np.linalg.inv(X.T @ X)``: forming XᵀX
squares the condition number, and one grader case has two almost identical columns.

When columns are exactly collinear (the same feature twice, say), infinitely many coef fit
equally well; return the one of smallest length ``‖coef‖``, which is the one lstsq returns.

Check with ``aieng check m03.least-squares``.
"""

import numpy as np


def least_squares(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    # TODO: handle the intercept
    # TODO: solve for the slopes with np.linalg.lstsq(..., rcond=None)
    raise NotImplementedError("write least_squares")
