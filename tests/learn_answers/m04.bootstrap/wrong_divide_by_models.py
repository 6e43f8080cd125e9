# mistake: sums the out-of-bag predictions but divides by the number of models, not by how many
# models left the row out
# fails: oob_pred matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n_models, n = samples.shape
    weights = np.array([np.bincount(s, minlength=n) for s in samples], dtype=float)
    unseen = weights == 0
    oob_pred = (preds * unseen).sum(axis=0) / n_models
    scored = unseen.any(axis=0)
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
