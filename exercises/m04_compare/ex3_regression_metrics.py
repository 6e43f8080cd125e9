"""Exercise m04.regression-metrics — RMSE, MAE and R², the regression leaderboard's columns.

``y_true`` and ``y_pred`` (n_samples,) are floats: the real values and the predictions. With
the errors ``e = y_true - y_pred``, return ``(rmse, mae, r2)``:

    rmse = sqrt(mean(e²))          mae = mean(|e|)
    r2   = 1 - sum(e²) / sum((y_true - mean(y_true))²)

RMSE punishes a few big misses more than MAE; R² compares the model with predicting the mean
for everyone (R² = 0) — it can be negative for a model worse than that. ``y_true`` is never
constant here. Do not change the arrays.

Check it with ``aieng check m04.regression-metrics``.
"""

import numpy as np


def regression_scores(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float, float]:
    # TODO: the errors, then the three scores
    raise NotImplementedError("write regression_scores")
