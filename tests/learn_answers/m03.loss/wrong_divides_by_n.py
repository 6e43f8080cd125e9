# mistake: the mean squared error, without the 1/2 the loss carries
# fails: loss matches the reference


def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return float((r @ r + alpha * w @ w) / len(y))
