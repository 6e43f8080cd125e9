# mistake: the ROC curve walked one row at a time in sorted order: tied rows make a staircase
# instead of one diagonal step, so the area depends on how the tie happened to be sorted
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    order = np.argsort(-scores, kind="stable")
    y = y_true[order]
    tpr = np.concatenate([[0.0], np.cumsum(y == 1) / np.sum(y == 1)])
    fpr = np.concatenate([[0.0], np.cumsum(y == 0) / np.sum(y == 0)])
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
