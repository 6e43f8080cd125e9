# mistake: no max(0, …): on independent columns the corrected φ² is negative and its square root nan
# fails: runs without numerical warnings
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if not bias_correction:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    phi2c = phi2 - (r - 1) * (k - 1) / (n - 1)
    rc, kc = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2c / min(rc - 1, kc - 1)))
