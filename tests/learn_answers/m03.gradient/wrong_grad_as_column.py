# mistake: grad_w built as a column (n_features, 1) from a reshaped residual
# fails: grad_w has the right shape


def loss_and_gradient(w, b, X, y, alpha):
    n = len(y)
    r = (y - X @ w - b).reshape(-1, 1)
    loss = float((r.T @ r).item() + alpha * w @ w) / (2 * n)
    return loss, (-X.T @ r + alpha * w.reshape(-1, 1)) / n, float(-r.sum() / n)
