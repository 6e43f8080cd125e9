"""Exercise m01.iqr-fences — Tukey's fences: where "unusually far out" starts.

A value is an outlier by Tukey's rule when it lies more than ``k`` interquartile ranges
outside the middle half of the data. With Q1 and Q3 the 25th and 75th percentiles and
IQR = Q3 - Q1, the fences are

    low = Q1 - k · IQR        high = Q3 + k · IQR

(``k = 1.5`` is Tukey's usual choice; 3 marks "far out"). Missing values (NaN) are skipped,
not counted. Use NumPy's default percentile (linear interpolation between the sorted values).

``values`` is a float array of shape (n,) that may hold NaN; ``k`` > 0 a float.
Return ``(low, high)``, two floats. Do not change ``values``.

Check it with ``aieng check m01.iqr-fences``; stuck? ``aieng hint m01.iqr-fences``.
"""

import numpy as np


def iqr_fences(values: np.ndarray, k: float) -> tuple[float, float]:
    # TODO: keep the values that are not NaN
    # TODO: Q1 and Q3 with np.percentile, then the two fences
    raise NotImplementedError("write iqr_fences")
