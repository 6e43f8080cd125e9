"""Exercise m02.skewness — how lopsided a distribution is, in one number.

Incomes, prices and waiting times have a long right tail: most values are small, a few are
huge, and the mean sits well above the median. Skewness measures that lopsidedness: 0 for a
symmetric sample, > 0 for a long right tail, < 0 for a long left tail. Write the *adjusted
Fisher-Pearson* skewness (what pandas' ``Series.skew()`` and most textbooks report):

    m2 = mean((x - x̄)²)        m3 = mean((x - x̄)³)        g1 = m3 / m2^(3/2)
    G1 = g1 · sqrt(n (n - 1)) / (n - 2)

(``g1`` alone is biased towards 0 in small samples; the factor corrects it.)

``x`` is a float array of shape (n,), n ≥ 3, not all equal. Return one float. Do not change ``x``.

Check it with ``aieng check m02.skewness``; stuck? ``aieng hint m02.skewness``.
"""

import numpy as np


def skewness(x: np.ndarray) -> float:
    # TODO: the deviations from the mean, their mean square m2 and mean cube m3
    # TODO: g1 = m3 / m2 ** 1.5, then the small-sample factor
    raise NotImplementedError("write skewness")
