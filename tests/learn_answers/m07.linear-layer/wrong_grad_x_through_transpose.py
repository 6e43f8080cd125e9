# mistake: grad_x through weight's transpose, copying the forward's x @ weight.T: backwards
#   the gradient goes through weight itself, (n, out) @ (out, in)
# fails: linear_layer() runs without error


def linear_layer(x, weight, bias, grad_out):
    out = x @ weight.T + bias
    grad_x = grad_out @ weight.T
    return out, grad_x, grad_out.T @ x, grad_out.sum(axis=0)
