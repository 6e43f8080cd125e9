# mistake: divides by the number of rows less one, not the smaller side less one
# fails: v matches the reference
# Right only when the table has no more rows than columns.
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if not bias_correction:
        return float(np.sqrt(phi2 / (r - 1)))
    phi2c = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2c / (rc - 1)))
