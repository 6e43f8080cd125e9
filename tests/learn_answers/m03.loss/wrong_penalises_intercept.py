# mistake: puts the intercept into the penalty, which only shrinks the slopes
# fails: loss matches the reference


def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return float((r @ r + alpha * (w @ w + b * b)) / (2 * len(y)))
