"""Exercise m05.robust-z — how unusual is a value? A z-score outliers cannot fool.

The ordinary z-score (x − mean) / std is bent by the very outliers it should find: one huge
value drags the mean and inflates the std. The robust z-score measures from the median, in
units of the median absolute deviation (MAD, the median of |x − median(x)|):

    z = (x − median(x)) / scale,        scale = 1.4826 · MAD

(1.4826 makes the scale equal the standard deviation on normal data). When more than half the
values are equal the MAD is 0; then the scale falls back, in this order, to the first that is
not 0:

1. the interquartile range divided by 1.349, ``(q75 − q25) / 1.349``, with ``np.quantile``'s
   default (linear) quantiles;
2. the standard deviation with ddof=1;
3. none: every value is equal, and every z is 0.

A scale falls back only when it is exactly 0 — a tiny spread is still a spread: z has no units.
``values`` (n,) are floats, n ≥ 2. Return z, a float array of shape (n,). Do not change the
array. Check it with ``aieng check m05.robust-z``.
"""

import numpy as np


def robust_z(values: np.ndarray) -> np.ndarray:
    # TODO: the median, and the first scale that is not 0
    raise NotImplementedError("write robust_z")
