# right: one sample at a time, as the formula reads, then the penalty
import numpy as np


def ridge_loss(w, b, X, y, alpha):
    n = len(y)
    total = 0.0
    for i in range(n):
        prediction = np.dot(X[i], w) + b
        total += (y[i] - prediction) ** 2
    return float((total + alpha * np.sum(w**2)) / (2 * n))
