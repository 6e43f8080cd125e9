# mistake: a tie counts as a win for the positive (>= instead of > plus half the ties)
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return float(np.mean(pos[:, None] >= neg[None, :]))
