"""Exercise m02.cramers-v — how strongly two categorical columns go together.

Count how often each pair of levels occurs: an (r, k) contingency table. If the columns were
independent, cell (i, j) would hold ``expected = row_total_i · column_total_j / n``. The
chi-squared statistic adds up how far the counts are from that:

    χ² = Σ (table - expected)² / expected          φ² = χ² / n
    V  = sqrt(φ² / min(r - 1, k - 1))              (0: independent … 1: one column fixes the other)

Plain V is biased upwards in small tables: even independent columns give V > 0. With
``bias_correction`` use Bergsma's (2013) correction:

    φ²c = max(0, φ² - (r - 1)(k - 1) / (n - 1))
    rc  = r - (r - 1)² / (n - 1)        kc = k - (k - 1)² / (n - 1)
    V   = sqrt(φ²c / min(rc - 1, kc - 1))

``table`` is a float array of shape (r, k), r, k ≥ 2, of counts with no empty row or column;
``bias_correction`` a bool. Return V, one float. Do not change ``table``.

Check it with ``aieng check m02.cramers-v``; stuck? ``aieng hint m02.cramers-v``.
"""

import numpy as np


def cramers_v(table: np.ndarray, bias_correction: bool) -> float:
    # TODO: n, the row and column totals, the expected counts (an outer product over n)
    # TODO: chi², phi² and V; with bias_correction the corrected phi², r and k
    raise NotImplementedError("write cramers_v")
