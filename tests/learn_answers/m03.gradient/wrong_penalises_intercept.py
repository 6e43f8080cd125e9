# mistake: the penalty's derivative added to grad_b too, but b is not penalised
# fails: grad_b matches the reference


def loss_and_gradient(w, b, X, y, alpha):
    r, n = y - X @ w - b, len(y)
    loss = (r @ r + alpha * w @ w) / (2 * n)
    return loss, (-X.T @ r + alpha * w) / n, (-r.sum() + alpha * b) / n
