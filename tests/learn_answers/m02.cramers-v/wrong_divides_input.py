# mistake: turns the counts into proportions in place (table /= n), changing the caller's table
# fails: does not modify its inputs
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    table /= n
    e = np.outer(table.sum(axis=1), table.sum(axis=0))
    phi2 = ((table - e) ** 2 / e).sum()
    if bias_correction:
        phi2 = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
        r, k = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2 / min(r - 1, k - 1)))
