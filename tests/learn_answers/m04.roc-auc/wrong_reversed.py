# mistake: counts the pairs where the negative scores higher: 1 − AUC
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    d = neg[:, None] - pos[None, :]
    return float((np.sum(d > 0) + 0.5 * np.sum(d == 0)) / d.size)
