# mistake: the errors computed in place: e is y_pred itself, so the caller's y_pred is changed
# fails: does not modify its inputs
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_pred
    e -= y_true
    r2 = 1 - float(np.sum(e**2)) / float(np.sum((y_true - y_true.mean()) ** 2))
    return float(np.sqrt(np.mean(e**2))), float(np.mean(np.abs(e))), r2
