# mistake: the spread as n · var(ddof=1): the sample variance's n − 1 does not cancel against n
# fails: r2 matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    n = len(e)
    r2 = 1 - float(np.sum(e**2)) / (n * float(np.var(y_true, ddof=1)))
    return float(np.sqrt(np.mean(e**2))), float(np.mean(np.abs(e))), r2
