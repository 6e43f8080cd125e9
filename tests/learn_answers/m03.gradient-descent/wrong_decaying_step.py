# mistake: shrinks the step every epoch (learning_rate / (1 + epoch)): not the fixed step asked
# fails: w matches the reference
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    w, b, n = np.zeros(X.shape[1]), 0.0, len(y)
    for epoch in range(n_epochs):
        step = learning_rate / (1 + epoch)
        r = y - X @ w - b
        w, b = w + step * X.T @ r / n, b + step * r.mean()
    return w, b
