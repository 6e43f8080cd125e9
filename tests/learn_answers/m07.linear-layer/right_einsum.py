# right: every product spelled out with einsum, the bias's slope as a column sum
import numpy as np


def linear_layer(x, weight, bias, grad_out):
    out = np.einsum("ni,oi->no", x, weight) + bias
    grad_x = np.einsum("no,oi->ni", grad_out, weight)
    grad_weight = np.einsum("no,ni->oi", grad_out, x)
    grad_bias = np.einsum("no->o", grad_out)
    return out, grad_x, grad_weight, grad_bias
