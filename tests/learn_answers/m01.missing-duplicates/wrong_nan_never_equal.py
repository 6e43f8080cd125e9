# mistake: compares rows with ==, where NaN never equals NaN, so copies that share a hole are kept
# fails: cleaned has the right shape
import numpy as np


def fill_and_dedupe(X):
    kept = []
    for row in X:
        if not any(np.array_equal(row, other) for other in kept):
            kept.append(row)
    table = np.array(kept)
    medians = np.nanmedian(table, axis=0)
    return np.where(np.isnan(table), medians, table)
