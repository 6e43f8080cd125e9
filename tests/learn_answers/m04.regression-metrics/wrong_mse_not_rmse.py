# mistake: forgets the square root: returns the MSE where the RMSE is asked
# fails: rmse matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    sse = float(np.sum(e**2))
    sst = float(np.sum((y_true - y_true.mean()) ** 2))
    return sse / len(e), float(np.mean(np.abs(e))), 1 - sse / sst
