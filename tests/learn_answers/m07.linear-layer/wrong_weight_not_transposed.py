# mistake: multiplies by weight as it is stored, (out, in), instead of its transpose
# fails: linear_layer() runs without error
# on: one sample, 2 inputs → 3 outputs


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight + bias
    grad_x = grad_out @ weight.T
    grad_weight = grad_out.T @ x
    return out, grad_x, grad_weight, grad_out.sum(axis=0)
