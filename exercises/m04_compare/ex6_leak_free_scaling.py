"""Exercise m04.leak-free-scaling — fill gaps and scale with statistics of the training rows only.

``X_train`` (n_train, n_features) and ``X_test`` (n_test, n_features) are floats with gaps
(NaN). Prepare them the way a scikit-learn Pipeline does inside each cross-validation fold:

1. learn, from ``X_train`` alone, each column's median (ignoring the NaNs);
2. fill the NaNs of both arrays with those training medians;
3. learn, from the *filled* ``X_train``, each column's mean and standard deviation (ddof=0);
4. return ``(Z_train, Z_test)`` = (filled − mean) / std for both arrays, same shapes as given.

A column whose training standard deviation is 0 is only centred (divide by 1). Never compute a
statistic on ``X_test``: that would let the rows you score on shape the model (leakage). Do not
change the arrays you are given (copy before filling).

Check it with ``aieng check m04.leak-free-scaling``.
"""

import numpy as np


def impute_and_scale(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # TODO: training medians per column; fill the gaps of copies of both arrays
    # TODO: training mean and std per column (std 0 -> 1); scale both arrays
    raise NotImplementedError("write impute_and_scale")
