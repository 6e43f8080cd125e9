# mistake: "never compare floats with ==": ties found with np.isclose, whose default atol of
# 1e-8 calls scores a billionth apart equal, though only their order matters
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    tie = np.isclose(pos[:, None], neg[None, :])
    win = (pos[:, None] > neg[None, :]) & ~tie
    return float((win.sum() + 0.5 * tie.sum()) / tie.size)
