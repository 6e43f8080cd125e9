# mistake: right fold numbers, returned as integer arrays where the contract asks for floats
# fails: fold holds floats
import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = np.repeat(np.arange(k), [n // k + (f < n % k) for f in range(k)])
    labels, first = np.unique(y, return_index=True)
    order = labels[np.argsort(first)]
    deck = np.concatenate([np.full(np.sum(y == c), i) for i, c in enumerate(order)])
    stratified = np.zeros(n, dtype=int)
    for i, label in enumerate(order):
        stratified[y == label] = np.sort(np.flatnonzero(deck == i) % k)
    return fold, stratified
