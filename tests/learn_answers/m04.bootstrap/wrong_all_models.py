# mistake: the out-of-bag prediction is the mean of every model (the bag's ordinary prediction)
# fails: oob_pred matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n = samples.shape[1]
    weights = np.array([np.bincount(s, minlength=n) for s in samples], dtype=float)
    count = (weights == 0).sum(axis=0)
    oob_pred = np.where(count > 0, preds.mean(axis=0), 0.0)
    scored = count > 0
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
