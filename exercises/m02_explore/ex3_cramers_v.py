"""Exercise m02.cramers-v — how strongly two categorical columns go together.

Count how often each pair of levels occurs: an (r, k) contingency table. If the columns were
independent, each cell would hold its row's share of its column's total (or the other way
round: it is the same number). The chi-squared statistic χ² adds up how far every count is
from that expectation, each squared gap measured relative to the expected count. Cramér's V
turns χ² into a strength between 0 (independent) and 1 (one column fixes the other): divide it
by n (that ratio is φ²), then by the largest value φ² can reach — the smaller side of the
table less one — and take the square root.

Plain V is biased upwards in small tables: even independent columns give V > 0. With
``bias_correction``, use Bergsma's (2013) correction: subtract from φ² what independent
columns give on average (never going below 0), and shrink r and k in the same spirit before
taking the smaller side. The hint works both through on a small table.

- χ² here is Pearson's, without Yates' continuity correction (scipy applies Yates to 2 × 2
  tables unless told ``correction=False``);
- the table may have more rows than columns or the other way round.

``table`` is a float array of shape (r, k), r, k ≥ 2, of counts with no empty row or column;
``bias_correction`` a bool. Return V, one float. Do not change ``table``.

Check it with ``aieng check m02.cramers-v``; stuck? ``aieng hint m02.cramers-v``.
"""

import numpy as np


def cramers_v(table: np.ndarray, bias_correction: bool) -> float:
    # TODO: n, the row and column totals, the counts expected under independence
    # TODO: chi², then V; with bias_correction, Bergsma's corrected ratio and sides
    raise NotImplementedError("write cramers_v")
