"""Exercise m02.correlation-ratio — does a number depend on a category?

Correlations need two numbers; for "does the monthly charge depend on the contract type?" the
question is how much of the number's spread lies *between* the groups rather than within them.
The correlation ratio η (eta) answers it. Measure the spread as a sum of squared deviations
from the overall mean; replace every value by its group's mean and measure that spread the
same way; η² is the second over the first — the share of the spread the category explains (the
R² of predicting y by its group mean) — and η is its square root. η is 0 when every group has
the same mean and 1 when the values inside each group are all equal.

``groups`` is an int array of shape (n,) of group codes: any non-negative integers, not
necessarily 0 … g-1, and -1 for a row whose category is missing (what ``pandas.factorize``
writes for NaN). Rows coded -1 belong to no group: leave them out of everything, the overall
mean included. ``values`` is a float array of shape (n,), not constant on the other rows.
Return η, one float. Do not change the arrays.

Check it with ``aieng check m02.correlation-ratio``; stuck? ``aieng hint m02.correlation-ratio``.
"""

import numpy as np


def correlation_ratio(groups: np.ndarray, values: np.ndarray) -> float:
    # TODO: leave out the rows of the missing category; the spread around the overall mean
    # TODO: the spread of the group means (each value replaced by its group's mean); η
    raise NotImplementedError("write correlation_ratio")
