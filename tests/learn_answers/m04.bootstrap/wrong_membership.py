# mistake: weights from membership (np.isin): drawn or not, instead of how many times drawn
# fails: weights matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n = samples.shape[1]
    weights = np.array([np.isin(np.arange(n), s) for s in samples], dtype=float)
    unseen = weights == 0
    count = unseen.sum(axis=0)
    oob_pred = np.where(count > 0, (preds * unseen).sum(axis=0) / np.maximum(count, 1), 0.0)
    scored = count > 0
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
