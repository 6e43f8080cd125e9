# right: plain loops over the cells, as on paper
import math


def cramers_v(table, bias_correction):
    rows = [sum(row) for row in table.tolist()]
    cols = [sum(col) for col in zip(*table.tolist(), strict=True)]
    n = sum(rows)
    chi2 = 0.0
    for i, row in enumerate(table.tolist()):
        for j, observed in enumerate(row):
            expected = rows[i] * cols[j] / n
            chi2 += (observed - expected) ** 2 / expected
    r, k = len(rows), len(cols)
    phi2 = chi2 / n
    if bias_correction:
        phi2 = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
        r, k = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    return math.sqrt(phi2 / min(r - 1, k - 1))
