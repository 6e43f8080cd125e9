# mistake: averages the bias's slope over the batch, a second 1/n on top of the loss's mean
# fails: grad_bias matches the reference
# on: four samples, 3 inputs → 2 outputs: the samples' slopes add up


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight.T + bias
    return out, grad_out @ weight, grad_out.T @ x, grad_out.mean(axis=0)
