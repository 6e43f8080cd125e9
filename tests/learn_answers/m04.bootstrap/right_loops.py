# right: plain Python loops with Counter and lists, model by model, row by row
from collections import Counter

import numpy as np


def out_of_bag(samples, preds, y):
    n_models, n = samples.shape
    weights = np.zeros((n_models, n))
    for b in range(n_models):
        for row, times in Counter(samples[b].tolist()).items():
            weights[b, row] = times
    oob_pred = np.zeros(n)
    scored = []
    for i in range(n):
        unseen = [preds[b, i] for b in range(n_models) if weights[b, i] == 0]
        if unseen:
            oob_pred[i] = sum(unseen) / len(unseen)
            scored.append((y[i] - oob_pred[i]) ** 2)
    return weights, oob_pred, sum(scored) / len(scored)
