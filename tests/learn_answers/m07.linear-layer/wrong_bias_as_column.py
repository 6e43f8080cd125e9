# mistake: adds the bias as a column, (out, 1), so it broadcasts across the samples instead of
#   the outputs
# fails: out has the right shape
# on: one sample, 2 inputs → 3 outputs


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight.T + bias.reshape(-1, 1)
    return out, grad_out @ weight, grad_out.T @ x, grad_out.sum(axis=0)
