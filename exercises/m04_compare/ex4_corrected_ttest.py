"""Exercise m04.corrected-ttest — is the winner really better? The Nadeau–Bengio t-test.

Two models were scored on the same J cross-validation folds; ``differences`` (J,) is model a's
score minus model b's on each fold. A paired t-test asks whether their mean is far from 0,
measured in standard errors of that mean. The plain one assumes the J differences independent,
and is far too confident: the folds' training sets overlap, so the differences move together.
Nadeau and Bengio (2003) widen the variance of the mean by a term for that overlap, which
grows with the share of rows held out per row trained on (``n_test / n_train``).

Return ``(t, p_value)`` as two floats: ``t`` is signed (negative when b is better) and uses
the sample variance of the differences (ddof=1); ``p_value`` is two-sided, under Student's t
with J - 1 degrees of freedom. ``n_train`` and ``n_test`` are the rows one fold trains and is
scored on (ints). ``scipy.special.stdtr(df, x)`` is P(T ≤ x) for Student's t
(``scipy.stats.t.cdf`` gives the same, but scipy.stats takes a second longer to import, on every
check). The differences here always vary (their variance is > 0). Do not change the array.

Check it with ``aieng check m04.corrected-ttest``.
"""

import numpy as np


def corrected_ttest(differences: np.ndarray, n_train: int, n_test: int) -> tuple[float, float]:
    # TODO: J, the mean and the variance (ddof=1) of the differences
    # TODO: the corrected variance, t, and the two-sided p-value with J - 1 degrees of freedom
    raise NotImplementedError("write corrected_ttest")
