# mistake: RMSE as the standard deviation of the errors: right only when they average to 0
# fails: rmse matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    r2 = 1 - float(np.sum(e**2)) / float(np.sum((y_true - y_true.mean()) ** 2))
    return float(np.std(e)), float(np.mean(np.abs(e))), r2
