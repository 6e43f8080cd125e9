"""Exercise m04.regression-metrics — RMSE, MAE and R², the regression leaderboard's columns.

``y_true`` and ``y_pred`` (n_samples,) are floats: the real values and the predictions. Return
``(rmse, mae, r2)`` as three floats, each a summary of the errors ``y_true - y_pred``:

- RMSE, the root of the mean squared error: a typical error's size, in the target's unit, where
  a few big misses weigh more than many small ones;
- MAE, the mean absolute error: the average size of an error, every miss weighing its size;
- R², how much of the squared error of the simplest model — predicting the mean of ``y_true``
  for everyone — this model removes: 1 is perfect, 0 is no better than that mean, and a model
  worse than it scores below 0 (R² has no floor).

``y_true`` is never constant here. Do not change the arrays.

Check it with ``aieng check m04.regression-metrics``.
"""

import numpy as np


def regression_scores(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float, float]:
    # TODO: the errors, then the three scores
    raise NotImplementedError("write regression_scores")
