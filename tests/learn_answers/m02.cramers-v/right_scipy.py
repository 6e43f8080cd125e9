# right: scipy's χ² without Yates' correction (correction=False), then V and Bergsma's correction
import math

from scipy import stats


def cramers_v(table, bias_correction):
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    n = float(table.sum())
    r, k = table.shape
    phi2 = chi2 / n
    if not bias_correction:
        return math.sqrt(phi2 / (min(r, k) - 1))
    phi2 = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
    r_shrunk = r - (r - 1) ** 2 / (n - 1)
    k_shrunk = k - (k - 1) ** 2 / (n - 1)
    return math.sqrt(phi2 / (min(r_shrunk, k_shrunk) - 1))
