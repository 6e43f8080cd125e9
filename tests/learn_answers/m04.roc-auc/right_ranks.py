# right: the Mann–Whitney U from average ranks (tied scores share the mean of their ranks)
import numpy as np


def roc_auc(y_true, scores):
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)  # 1-based rank of the last row of each distinct score
    average_rank = last - (counts - 1) / 2.0  # (n_distinct,) the mean of first..last
    ranks = average_rank[inverse]
    positive = y_true == 1
    n_pos = int(positive.sum())
    n_neg = len(y_true) - n_pos
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
