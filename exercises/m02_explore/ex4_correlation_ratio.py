"""Exercise m02.correlation-ratio — does a number depend on a category?

Correlations need two numbers; for "does the monthly charge depend on the contract type?" the
question is how much of the number's spread lies *between* the groups rather than within them.
The correlation ratio η (eta) answers it:

    η = sqrt( Σ_g n_g (ȳ_g - ȳ)² / Σ_i (y_i - ȳ)² )

where ȳ is the overall mean, and for each group g, n_g its size and ȳ_g its mean. η is 0 when
every group has the same mean and 1 when the values inside each group are all equal. η² is
the share of the variance the category explains (the R² of predicting y by its group mean).

``groups`` is an int array of shape (n,) of group codes (any integers, not necessarily
0 … g-1); ``values`` a float array of shape (n,) that is not constant. Return η, one float.
Do not change the arrays.

Check it with ``aieng check m02.correlation-ratio``; stuck? ``aieng hint m02.correlation-ratio``.
"""

import numpy as np


def correlation_ratio(groups: np.ndarray, values: np.ndarray) -> float:
    # TODO: the total sum of squares around the overall mean
    # TODO: for each distinct group: its size and mean; the between-group sum of squares
    raise NotImplementedError("write correlation_ratio")
