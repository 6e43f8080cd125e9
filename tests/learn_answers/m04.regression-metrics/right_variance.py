# right: R² as 1 − MSE / Var(y_true) (both divided by n, so the n cancels); norms for the errors
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_pred - y_true  # the sign does not matter once squared or made absolute
    n = len(e)
    mse = float(np.dot(e, e)) / n
    rmse = np.linalg.norm(e) / np.sqrt(n)
    mae = np.linalg.norm(e, ord=1) / n
    return float(rmse), float(mae), 1.0 - mse / float(np.var(y_true))
