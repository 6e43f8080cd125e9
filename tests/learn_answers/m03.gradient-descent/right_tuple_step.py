# right: both parameters stepped in one tuple assignment, from the same residual
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    w, b, n = np.zeros(X.shape[1]), 0.0, len(y)
    for _ in range(n_epochs):
        r = y - X @ w - b
        w, b = w + learning_rate * X.T @ r / n, b + learning_rate * r.mean()
    return w, b
