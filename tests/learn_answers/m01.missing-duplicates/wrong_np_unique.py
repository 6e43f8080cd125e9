# mistake: np.unique(axis=0) drops the copies but sorts the rows (and keeps NaN rows apart)
# fails: cleaned matches the reference
import numpy as np


def fill_and_dedupe(X):
    table = np.unique(X, axis=0)
    medians = np.nanmedian(table, axis=0)
    return np.where(np.isnan(table), medians, table)
