# mistake: divides the weights' slope by the batch size, as if the loss's gradient lacked the 1/n
# fails: grad_weight matches the reference
# on: four samples, 3 inputs → 2 outputs: the samples' slopes add up


def linear_layer(x, weight, bias, grad_out):
    n = len(x)
    out = x @ weight.T + bias
    return out, grad_out @ weight, grad_out.T @ x / n, grad_out.sum(axis=0)
