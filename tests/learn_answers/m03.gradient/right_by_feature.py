# right: one partial derivative per feature, in a loop, as the chain rule says
import numpy as np


def loss_and_gradient(w, b, X, y, alpha):
    n, p = X.shape
    r = y - X @ w - b
    loss = (np.sum(r**2) + alpha * np.sum(w**2)) / (2 * n)
    grad_w = np.zeros(p)
    for j in range(p):
        grad_w[j] = (-np.sum(X[:, j] * r) + alpha * w[j]) / n
    return loss, grad_w, -np.sum(r) / n
