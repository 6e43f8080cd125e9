"""Exercise m04.corrected-ttest — is the winner really better? The Nadeau–Bengio t-test.

Two models were scored on the same J cross-validation folds; ``differences`` (J,) is model a's
score minus model b's on each fold. The plain paired t-test divides by ``s² / J`` and is far too
confident, because the folds' training sets overlap. Nadeau and Bengio (2003) correct the
variance by the share of rows held out:

    t = mean(d) / sqrt((1/J + n_test/n_train) · s²)       s² = variance of d with ddof=1
    p = two-sided p-value of t under Student's t with J - 1 degrees of freedom

``n_train`` and ``n_test`` are the rows one fold trains and is scored on (ints). Return
``(t, p_value)`` as two floats. ``scipy.special.stdtr(df, x)`` is P(T ≤ x) for Student's t
(``scipy.stats.t.cdf`` gives the same, but scipy.stats takes a second longer to import, on every
check). The differences here always vary (s² > 0). Do not change the array.

Check it with ``aieng check m04.corrected-ttest``.
"""

import numpy as np


def corrected_ttest(differences: np.ndarray, n_train: int, n_test: int) -> tuple[float, float]:
    # TODO: J, the mean and the variance (ddof=1) of the differences
    # TODO: the corrected variance, t, and the two-sided p-value with J - 1 degrees of freedom
    raise NotImplementedError("write corrected_ttest")
