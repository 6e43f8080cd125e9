# mistake: multiplies by the sign of x, as if the slope of a negative input were −1
# fails: grad_x matches the reference
# on: one sample, one negative and one positive input
import numpy as np


def relu(x, grad_out):
    return np.maximum(x, 0.0), grad_out * np.sign(x)
