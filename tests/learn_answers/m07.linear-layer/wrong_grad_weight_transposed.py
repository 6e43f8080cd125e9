# mistake: the weights' slope as x's transpose times grad_out: shape (in, out), not (out, in)
# fails: grad_weight has the right shape
# on: one sample, 2 inputs → 3 outputs


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight.T + bias
    return out, grad_out @ weight, x.T @ grad_out, grad_out.sum(axis=0)
