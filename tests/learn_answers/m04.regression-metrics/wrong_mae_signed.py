# mistake: the absolute value taken after averaging: over- and under-predictions cancel
# fails: mae matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    r2 = 1 - float(np.sum(e**2)) / float(np.sum((y_true - y_true.mean()) ** 2))
    return float(np.sqrt(np.mean(e**2))), abs(float(np.mean(e))), r2
