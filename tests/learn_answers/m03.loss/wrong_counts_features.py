# mistake: n taken from w (the number of features), not from the number of samples
# fails: loss matches the reference


def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return float((r @ r + alpha * w @ w) / (2 * len(w)))
