# mistake: divides by min(r, k) instead of min(r - 1, k - 1), so a perfect association is below 1
# fails: v matches the reference
import numpy as np


def cramers_v(table, bias_correction):
    r, k = table.shape
    n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if bias_correction:
        phi2 = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
        r, k = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2 / min(r, k)))
