# mistake: drops the minus the residual brings (d r / d w = -X): the gradient points uphill
# fails: grad_w matches the reference


def loss_and_gradient(w, b, X, y, alpha):
    r, n = y - X @ w - b, len(y)
    loss = (r @ r + alpha * w @ w) / (2 * n)
    return loss, (X.T @ r + alpha * w) / n, r.sum() / n
