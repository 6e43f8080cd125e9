# mistake: the spread measured around the predictions' mean instead of y_true's
# fails: r2 matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    r2 = 1 - float(np.sum(e**2)) / float(np.sum((y_true - y_pred.mean()) ** 2))
    return float(np.sqrt(np.mean(e**2))), float(np.mean(np.abs(e))), r2
