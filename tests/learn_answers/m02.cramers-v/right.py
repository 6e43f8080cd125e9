# right: expected counts from the margins, χ² by hand, Bergsma's correction
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if not bias_correction:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    p = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    kc = k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(p / min(rc - 1, kc - 1)))
