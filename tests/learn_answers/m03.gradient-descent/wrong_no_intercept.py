# mistake: only w is trained, b stays at 0
# fails: b matches the reference
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    w, n = np.zeros(X.shape[1]), len(y)
    for _ in range(n_epochs):
        r = y - X @ w
        w = w + learning_rate * X.T @ r / n
    return w, 0.0
