# mistake: lets the positive gradients through instead of the positive inputs
# fails: grad_x matches the reference
# on: one sample, one negative and one positive input
import numpy as np


def relu(x, grad_out):
    return np.maximum(x, 0.0), grad_out * (grad_out > 0)
