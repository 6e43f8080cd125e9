# right: one sample at a time, adding each sample's outer product to the weights' slope
import numpy as np


def linear_layer(x, weight, bias, grad_out):
    n = x.shape[0]
    out = np.zeros((n, weight.shape[0]))
    grad_x = np.zeros_like(x, dtype=float)
    grad_weight = np.zeros_like(weight, dtype=float)
    grad_bias = np.zeros_like(bias, dtype=float)
    for i in range(n):
        out[i] = weight @ x[i] + bias
        grad_x[i] = weight.T @ grad_out[i]
        grad_weight += np.outer(grad_out[i], x[i])
        grad_bias += grad_out[i]
    return out, grad_x, grad_weight, grad_bias
