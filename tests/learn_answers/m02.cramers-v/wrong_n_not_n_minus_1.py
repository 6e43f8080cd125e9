# mistake: Bergsma's correction with n where it has n - 1
# fails: v matches the reference
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if not bias_correction:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    phi2c = max(0.0, phi2 - (r - 1) * (k - 1) / n)
    rc, kc = r - (r - 1) ** 2 / n, k - (k - 1) ** 2 / n
    return float(np.sqrt(phi2c / min(rc - 1, kc - 1)))
