# mistake: deals correctly but fills each class's folds from its last row backwards, so the
# class's first rows land in its highest fold
# fails: stratified_fold matches the reference
import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = np.zeros(n)
    for f, rows in enumerate(np.array_split(np.arange(n), k)):
        fold[rows] = f
    labels, first = np.unique(y, return_index=True)
    order = labels[np.argsort(first)]
    deck = np.concatenate([np.full(np.sum(y == c), i) for i, c in enumerate(order)])
    stratified = np.zeros(n)
    for i, label in enumerate(order):
        stratified[y == label] = np.sort(np.flatnonzero(deck == i) % k)[::-1]
    return fold, stratified
