# mistake: zeroes the upstream gradient in place where the input was off: the caller's
#   grad_out is changed
# fails: does not modify its inputs
# on: one sample, one negative and one positive input
import numpy as np


def relu(x, grad_out):
    grad_out[x <= 0] = 0.0
    return np.maximum(x, 0.0), grad_out
