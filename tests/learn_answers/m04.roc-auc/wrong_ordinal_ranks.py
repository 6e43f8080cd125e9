# mistake: Mann–Whitney with argsort ranks: tied scores get different ranks, not their average
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    ranks = np.argsort(np.argsort(scores)) + 1  # 1..n, ties broken by position
    n_pos = int(np.sum(y_true == 1))
    n_neg = len(y_true) - n_pos
    u = ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
