# mistake: divides by the number of out-of-bag models without guarding rows every model drew:
# 0 / 0 gives NaN (and a RuntimeWarning), then nan_to_num hides it
# fails: runs without numerical warnings
import numpy as np


def out_of_bag(samples, preds, y):
    n = samples.shape[1]
    weights = np.array([np.bincount(s, minlength=n) for s in samples], dtype=float)
    unseen = weights == 0
    oob_pred = np.nan_to_num((preds * unseen).sum(axis=0) / unseen.sum(axis=0))
    scored = unseen.any(axis=0)
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
