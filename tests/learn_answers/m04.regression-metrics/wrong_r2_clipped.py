# mistake: R² clipped at 0, "since it is a share of variance": a model worse than the mean
# must score below 0
# fails: r2 matches the reference
import numpy as np


def regression_scores(y_true, y_pred):
    e = y_true - y_pred
    r2 = 1 - float(np.sum(e**2)) / float(np.sum((y_true - y_true.mean()) ** 2))
    return float(np.sqrt(np.mean(e**2))), float(np.mean(np.abs(e))), max(0.0, r2)
