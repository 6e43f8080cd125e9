# mistake: the residual written y - (X w - b), so the intercept enters with the wrong sign
# fails: loss matches the reference


def ridge_loss(w, b, X, y, alpha):
    r = y - (X @ w - b)
    return float((r @ r + alpha * w @ w) / (2 * len(y)))
