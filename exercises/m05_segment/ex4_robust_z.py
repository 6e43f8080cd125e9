"""Exercise m05.robust-z — how unusual is a value? A z-score outliers cannot fool.

The ordinary z-score (x − mean) / std is bent by the very outliers it should find: one huge
value drags the mean and inflates the std. The robust z-score uses the median and the median
absolute deviation (MAD) instead:

    z = (x − median(x)) / (1.4826 · MAD),        MAD = median(|x − median(x)|)

(1.4826 makes 1.4826 · MAD equal the standard deviation on normal data). When more than half
the values are equal the MAD is 0; then use the interquartile range instead,
``scale = (q75 − q25) / 1.349`` (``np.quantile``'s default, linear), and if that is 0 too, the
standard deviation with ddof=1; if every value is equal, every z is 0.

``values`` (n,) are floats, n ≥ 2. Return z, a float array of shape (n,). Do not change the
array. Check it with ``aieng check m05.robust-z``.
"""

import numpy as np


def robust_z(values: np.ndarray) -> np.ndarray:
    # TODO: the median and the MAD; the fallbacks when the scale is 0
    raise NotImplementedError("write robust_z")
