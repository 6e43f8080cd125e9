# mistake: counts an input of exactly 0 as on (x >= 0): PyTorch's slope there is 0
# fails: grad_x matches the reference
# on: inputs exactly 0: the slope there is 0, as in PyTorch
import numpy as np


def relu(x, grad_out):
    return np.maximum(x, 0.0), grad_out * (x >= 0)
