"""Exercise m01.robust-fences — outlier limits that outliers cannot drag along.

Mean ± 3 standard deviations fails on exactly the data it is meant for: one huge value pulls
the mean towards it and inflates the standard deviation, so it hides itself. The robust z-score
of Iglewicz and Hoaglin swaps both for statistics a few wild values cannot move: the *median*
for the centre, and for the spread the *MAD* — the median of the absolute deviations from the
median — times 1.4826, which makes it estimate the standard deviation when the data are normal.
The limits stand ``threshold`` such spreads either side of the median (3.5 is usual): a value
is outside them exactly when its robust |z| is above ``threshold``.

- The constant is 1.4826 as written (the grader's tolerance is 1e-9 relative; scipy's
  ``scale="normal"`` uses 1.482602…, which is not it).
- Missing values (NaN) are skipped.

``values`` is a float array of shape (n,) that may hold NaN; ``threshold`` > 0 a float.
Return ``(low, high)``, two floats. Do not change ``values``.

Check it with ``aieng check m01.robust-fences``; stuck? ``aieng hint m01.robust-fences``.
"""

import numpy as np


def robust_fences(values: np.ndarray, threshold: float) -> tuple[float, float]:
    # TODO: drop NaN, then the median and the MAD
    # TODO: the limits, threshold scaled MADs either side of the median
    raise NotImplementedError("write robust_fences")
