# mistake: every fold gets n // k rows and the leftover rows all go to the last fold
# fails: fold matches the reference
import numpy as np


def assign_folds(y, k):
    n = len(y)
    size = n // k
    fold = np.minimum(np.arange(n) // size, k - 1).astype(float)
    labels, first = np.unique(y, return_index=True)
    deck = np.concatenate([np.flatnonzero(y == c) for c in labels[np.argsort(first)]])
    stratified = np.zeros(n)
    for label in labels:
        cards = np.flatnonzero(np.isin(deck, np.flatnonzero(y == label)))
        stratified[y == label] = np.sort(cards % k)
    return fold, stratified
