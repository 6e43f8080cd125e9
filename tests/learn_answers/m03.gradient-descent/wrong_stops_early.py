# mistake: stops as soon as an epoch lowers the loss by less than 1e-12, before n_epochs
# fails: w matches the reference
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    w, b, n = np.zeros(X.shape[1]), 0.0, len(y)
    previous = np.inf
    for _ in range(n_epochs):
        r = y - X @ w - b
        loss = r @ r / (2 * n)
        if previous - loss < 1e-12:
            break
        previous = loss
        w, b = w + learning_rate * X.T @ r / n, b + learning_rate * r.mean()
    return w, b
