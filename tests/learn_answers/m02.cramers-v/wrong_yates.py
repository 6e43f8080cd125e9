# mistake: scipy's chi2_contingency with its default Yates correction (changes every 2 × 2 χ²)
# fails: v matches the reference
import numpy as np
from scipy import stats


def cramers_v(table, bias_correction):
    chi2 = stats.chi2_contingency(table)[0]
    r, k = table.shape
    n = table.sum()
    phi2 = chi2 / n
    if not bias_correction:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    phi2 = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
    rc, kc = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(phi2 / min(rc - 1, kc - 1)))
