# mistake: R² as the squared correlation of y_true and y_pred: true of a least-squares line's
# fit, not of any prediction (a biased model keeps a perfect correlation)
# fails: r2 matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    r = np.corrcoef(y_true, y_pred)[0, 1]
    return float(np.sqrt(np.mean(e**2))), float(np.mean(np.abs(e))), float(r**2)
