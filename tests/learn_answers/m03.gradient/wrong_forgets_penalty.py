# mistake: the penalty is in the loss but its derivative is missing from grad_w
# fails: grad_w matches the reference


def loss_and_gradient(w, b, X, y, alpha):
    r, n = y - X @ w - b, len(y)
    grad_w = -X.T @ r / n
    return (r @ r + alpha * w @ w) / (2 * n), grad_w, -r.sum() / n
