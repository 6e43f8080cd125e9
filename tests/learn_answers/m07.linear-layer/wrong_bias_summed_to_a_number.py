# mistake: sums grad_out over everything, so the bias gets one number instead of one per output
# fails: grad_bias is a NumPy array
import numpy as np


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight.T + bias
    return out, grad_out @ weight, grad_out.T @ x, np.sum(grad_out)
