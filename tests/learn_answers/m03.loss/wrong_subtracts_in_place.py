# mistake: builds the residual in y's own memory (y -= ...), so the caller's y is destroyed
# fails: does not modify its inputs


def ridge_loss(w, b, X, y, alpha):
    y -= X @ w + b
    return float((y @ y + alpha * w @ w) / (2 * len(y)))
