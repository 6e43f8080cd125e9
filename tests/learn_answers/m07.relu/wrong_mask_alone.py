# mistake: returns the ReLU's slope itself, forgetting to multiply it by the upstream gradient
# fails: grad_x matches the reference
# on: one sample, one negative and one positive input
import numpy as np


def relu(x, grad_out):
    return np.maximum(x, 0.0), (x > 0).astype(float)
