# right: np.array_split for the blocks; the stratified deal done literally, card by card, in lists
import numpy as np


def assign_folds(y, k):
    n = len(y)
    fold = np.zeros(n)
    for f, rows in enumerate(np.array_split(np.arange(n), k)):
        fold[rows] = f

    order = []  # classes in order of first appearance
    for label in y.tolist():
        if label not in order:
            order.append(label)
    deck = [label for label in order for _ in range(int(np.sum(y == label)))]
    dealt = {label: [] for label in order}
    for position, label in enumerate(deck):
        dealt[label].append(position % k)
    stratified = np.zeros(n)
    for label in order:
        rows = np.flatnonzero(y == label)
        stratified[rows] = sorted(dealt[label])
    return fold, stratified
