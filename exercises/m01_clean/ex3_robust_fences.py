"""Exercise m01.robust-fences — outlier limits that outliers cannot drag along.

Mean ± 3 standard deviations fails on exactly the data it is meant for: one huge value pulls
the mean towards it and inflates the standard deviation, so it hides itself. The robust z-score
uses the median and the MAD (median absolute deviation) instead, which ignore a few wild values:

    MAD   = median(|x - median(x)|)
    scale = 1.4826 · MAD          (for normal data this estimates the standard deviation)
    low   = median(x) - threshold · scale      high = median(x) + threshold · scale

(Iglewicz and Hoaglin's robust z is 0.6745 · (x - median) / MAD, and 0.6745 = 1 / 1.4826: a
value is outside these limits exactly when its robust |z| is above ``threshold``; 3.5 is usual.)
Missing values (NaN) are skipped.

``values`` is a float array of shape (n,) that may hold NaN; ``threshold`` > 0 a float.
Return ``(low, high)``, two floats. Do not change ``values``.

Check it with ``aieng check m01.robust-fences``; stuck? ``aieng hint m01.robust-fences``.
"""

import numpy as np


def robust_fences(values: np.ndarray, threshold: float) -> tuple[float, float]:
    # TODO: drop NaN, then the median and the MAD
    # TODO: the limits, threshold scaled MADs either side of the median
    raise NotImplementedError("write robust_fences")
