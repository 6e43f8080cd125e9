"""Exercise m04.leak-free-scaling — fill gaps and scale with statistics of the training rows only.

``X_train`` (n_train, n_features) and ``X_test`` (n_test, n_features) are floats with gaps
(NaN). Prepare them the way a scikit-learn Pipeline does inside each cross-validation fold:
*learn* from ``X_train`` alone, then *apply* what was learned to both arrays.

What is learned, per column: the median of the training values (ignoring the NaNs), which
fills the gaps; then the mean and standard deviation (ddof=0) of the *filled* training column,
which standardise it. Return ``(Z_train, Z_test)``, both arrays filled and standardised with
those same training statistics, same shapes as given. A column whose filled training values are
all equal is only centred (divided by 1) — decide that from the values: rounding leaves the
computed std of three 0.1s at 1.4e-17, not 0.

Never compute a statistic on ``X_test``: that would let the rows you score on shape the model
(leakage). Do not change the arrays you are given.

Check it with ``aieng check m04.leak-free-scaling``.
"""

import numpy as np


def impute_and_scale(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # TODO: training medians per column; fill the gaps of copies of both arrays
    # TODO: training mean and std per column (a constant column: 1); scale both arrays
    raise NotImplementedError("write impute_and_scale")
