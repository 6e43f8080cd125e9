# mistake: averages the models that DID draw the row (the in-bag ones): the "held-out" estimate
# is then made by models that trained on the row
# fails: oob_pred matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n = samples.shape[1]
    weights = np.array([np.bincount(s, minlength=n) for s in samples], dtype=float)
    seen = weights > 0
    count = (~seen).sum(axis=0)
    oob_pred = np.where(
        count > 0, (preds * seen).sum(axis=0) / np.maximum(seen.sum(axis=0), 1), 0.0
    )
    scored = count > 0
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
