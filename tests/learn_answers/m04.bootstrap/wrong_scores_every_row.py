# mistake: the error averages over every row, scoring the 0.0 of rows that no model left out
# fails: oob_mse matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n = samples.shape[1]
    weights = np.array([np.bincount(s, minlength=n) for s in samples], dtype=float)
    unseen = weights == 0
    count = unseen.sum(axis=0)
    oob_pred = np.where(count > 0, (preds * unseen).sum(axis=0) / np.maximum(count, 1), 0.0)
    return weights, oob_pred, float(np.mean((y - oob_pred) ** 2))
