# mistake: builds the deck with the classes in sorted order (np.unique) instead of the order in
# which they first appear in y
# fails: stratified_fold matches the reference
import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = np.zeros(n)
    for f, rows in enumerate(np.array_split(np.arange(n), k)):
        fold[rows] = f
    deck = np.sort(y)
    stratified = np.zeros(n)
    for label in np.unique(y):
        stratified[y == label] = np.sort(np.flatnonzero(deck == label) % k)
    return fold, stratified
