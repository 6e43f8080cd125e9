"""Exercise m01.iqr-fences — Tukey's fences: where "unusually far out" starts.

A value is an outlier by Tukey's rule when it lies more than ``k`` interquartile ranges
outside the middle half of the data. The middle half runs from the first quartile Q1 (the
25th percentile) to the third, Q3 (the 75th); the interquartile range is its width, and the
fences stand ``k`` widths below Q1 and ``k`` widths above Q3 (``k = 1.5`` is Tukey's usual
choice; 3 marks "far out"). Half the data lies between Q1 and Q3 whatever the extreme values
are: that is why the fences resist the outliers they look for.

- Missing values (NaN) are skipped, not counted.
- Percentiles are NumPy's default ones (linear interpolation between the sorted values). Other
  methods — the medians of the two halves, nearest rank, ``statistics.quantiles`` — give other
  quartiles on most samples, and the grader asks for this one.

``values`` is a float array of shape (n,) that may hold NaN; ``k`` > 0 a float.
Return ``(low, high)``, two floats. Do not change ``values``.

Check it with ``aieng check m01.iqr-fences``; stuck? ``aieng hint m01.iqr-fences``.
"""

import numpy as np


def iqr_fences(values: np.ndarray, k: float) -> tuple[float, float]:
    # TODO: keep the values that are not NaN
    # TODO: Q1 and Q3 with np.percentile, then the two fences
    raise NotImplementedError("write iqr_fences")
