# mistake: folds of ceil(n / k) rows each, so the last folds come out short (10 rows in 4: 3 3 3 1)
# fails: fold matches the reference
import math

import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = (np.arange(n) // math.ceil(n / k)).astype(float)
    labels, first = np.unique(y, return_index=True)
    deck = np.concatenate([np.flatnonzero(y == c) for c in labels[np.argsort(first)]])
    stratified = np.zeros(n)
    for label in labels:
        cards = np.flatnonzero(np.isin(deck, np.flatnonzero(y == label)))
        stratified[y == label] = np.sort(cards % k)
    return fold, stratified
