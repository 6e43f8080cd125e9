# mistake: sorts the caller's scores in place (ndarray.sort) on the way to the ranks
# fails: does not modify its inputs
import numpy as np


def roc_auc(y_true, scores):
    order = np.argsort(scores, kind="stable")
    labels = y_true[order]
    scores.sort()
    _, first = np.unique(scores, return_index=True)
    _, last = np.unique(scores[::-1], return_index=True)
    last = len(scores) - 1 - last
    ranks = np.repeat((first + last) / 2 + 1, last - first + 1)
    n_pos = int(np.sum(labels == 1))
    n_neg = len(labels) - n_pos
    u = ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
