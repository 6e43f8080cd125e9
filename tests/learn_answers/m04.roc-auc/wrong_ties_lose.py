# mistake: a tie counts as a loss for the positive (only > is counted)
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    d = pos[:, None] - neg[None, :]
    return float(np.sum(d > 0) / d.size)
