# mistake: counts draws with w[b, samples[b]] += 1, which adds once per distinct index: a row
# drawn twice weighs 1, not 2
# fails: weights matches the reference
import numpy as np


def out_of_bag(samples, preds, y):
    n_models, n = samples.shape
    weights = np.zeros((n_models, n))
    for b in range(n_models):
        weights[b, samples[b]] += 1
    unseen = weights == 0
    count = unseen.sum(axis=0)
    oob_pred = np.where(count > 0, (preds * unseen).sum(axis=0) / np.maximum(count, 1), 0.0)
    scored = count > 0
    return weights, oob_pred, float(np.mean((y[scored] - oob_pred[scored]) ** 2))
