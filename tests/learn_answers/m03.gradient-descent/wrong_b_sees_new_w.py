# mistake: w is stepped first and grad_b is then computed with the new w
# fails: b matches the reference
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    w, b, n = np.zeros(X.shape[1]), 0.0, len(y)
    for _ in range(n_epochs):
        w = w + learning_rate * X.T @ (y - X @ w - b) / n
        b = b + learning_rate * np.mean(y - X @ w - b)
    return w, b
