# right: np.where for both, the mask taken once from the input
import numpy as np


def relu(x, grad_out):
    on = x > 0
    return np.where(on, x, 0.0), np.where(on, grad_out, 0.0)
