# mistake: stratifies by cutting each class into k blocks with np.array_split (plain k-fold per
# class): fold 0 gets one extra row of every class, so fold sizes drift apart
# fails: stratified_fold matches the reference
import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = np.zeros(n)
    for f, rows in enumerate(np.array_split(np.arange(n), k)):
        fold[rows] = f
    stratified = np.zeros(n)
    for label in np.unique(y):
        for f, rows in enumerate(np.array_split(np.flatnonzero(y == label), k)):
            stratified[rows] = f
    return fold, stratified
