"""Exercise m02.skewness — how lopsided a distribution is, in one number.

Incomes, prices and waiting times have a long right tail: most values are small, a few are
huge, and the mean sits well above the median. Skewness measures that lopsidedness: 0 for a
symmetric sample, > 0 for a long right tail, < 0 for a long left tail. The idea: cube each
value's deviation from the mean (a cube keeps the sign, and makes the far values count most),
average the cubes, and express the result in units of the standard deviation cubed, so that
it does not depend on the scale of ``x``.

Write the *adjusted Fisher-Pearson* coefficient G1, the one pandas' ``Series.skew()`` and most
textbooks report:

- the moments are *central* (deviations from the mean) and average over ``n``, not ``n - 1``;
- the plain ratio (g1) is biased towards 0 in small samples: G1 multiplies it by a factor
  that depends on ``n`` only (the hint has it, or look up "adjusted Fisher-Pearson");
- values far from 0 (timestamps) are graded too: compute with deviations from the mean, not
  with sums of raw powers of ``x``.

``x`` is a float array of shape (n,), n ≥ 3, not all equal. Return one float. Do not change ``x``.

Check it with ``aieng check m02.skewness``; stuck? ``aieng hint m02.skewness``.
"""

import numpy as np


def skewness(x: np.ndarray) -> float:
    # TODO: the deviations from the mean, their mean square m2 and mean cube m3
    # TODO: their ratio in standard-deviation units (g1), then the small-sample factor
    raise NotImplementedError("write skewness")
