# right: np.add.at counts repeated indices; masked arrays average only the out-of-bag predictions
import numpy as np


def out_of_bag(samples, preds, y):
    n_models, n = samples.shape
    weights = np.zeros((n_models, n))
    np.add.at(weights, (np.arange(n_models)[:, None], samples), 1.0)
    in_bag = weights > 0
    masked = np.ma.masked_array(preds, mask=in_bag)
    oob_pred = masked.mean(axis=0).filled(0.0)
    has_oob = ~in_bag.all(axis=0)
    oob_mse = float(np.mean((y[has_oob] - oob_pred[has_oob]) ** 2))
    return weights, np.asarray(oob_pred, dtype=float), oob_mse
