# mistake: the penalty's slope alpha·w added after dividing by n, so it is n times too strong
# fails: grad_w matches the reference


def loss_and_gradient(w, b, X, y, alpha):
    r, n = y - X @ w - b, len(y)
    loss = (r @ r + alpha * w @ w) / (2 * n)
    return loss, -X.T @ r / n + alpha * w, -r.sum() / n
