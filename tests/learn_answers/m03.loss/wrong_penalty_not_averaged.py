# mistake: half the mean squared error plus alpha/2 ‖w‖²: the penalty is not divided by n
# fails: loss matches the reference
import numpy as np


def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return float(np.mean(r**2) / 2 + alpha * np.sum(w**2) / 2)
