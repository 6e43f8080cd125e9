# mistake: the derivative of alpha·‖w‖² is 2·alpha·w, but the loss's 1/2 cancels that 2
# fails: grad_w matches the reference


def loss_and_gradient(w, b, X, y, alpha):
    r, n = y - X @ w - b, len(y)
    loss = (r @ r + alpha * w @ w) / (2 * n)
    return loss, (-X.T @ r + 2 * alpha * w) / n, -r.sum() / n
