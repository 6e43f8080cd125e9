# right: works out, per class, how many of its rows each fold gets (arithmetic, no deck), then fills
import numpy as np


def assign_folds(y, k):
    n = len(y)
    sizes = [n // k + (1 if f < n % k else 0) for f in range(k)]
    fold = np.repeat(np.arange(k), sizes).astype(float)

    labels, first = np.unique(y, return_index=True)
    stratified = np.zeros(n)
    start = 0  # where this class's cards begin in the deck
    for label in labels[np.argsort(first)]:
        rows = np.flatnonzero(y == label)
        positions = np.arange(start, start + len(rows))
        per_fold = [int(np.sum(positions % k == f)) for f in range(k)]
        stratified[rows] = np.repeat(np.arange(k), per_fold)
        start += len(rows)
    return fold, stratified
