# right: for each positive, count the negatives strictly below it and those equal to it,
# with binary search in the sorted negative scores
import numpy as np


def roc_auc(y_true, scores):
    neg = np.sort(scores[y_true == 0])  # np.sort returns a sorted copy
    pos = scores[y_true == 1]
    below = np.searchsorted(neg, pos, side="left")
    up_to = np.searchsorted(neg, pos, side="right")
    wins = below.sum() + 0.5 * (up_to - below).sum()
    return float(wins / (len(pos) * len(neg)))
