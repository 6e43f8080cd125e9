# right: copies first, then zeroes in place — the copies, never the caller's arrays
import numpy as np


def relu(x, grad_out):
    out = np.array(x, dtype=float)
    out[out < 0] = 0.0
    grad_x = np.array(grad_out, dtype=float)
    grad_x[x <= 0] = 0.0
    return out, grad_x
