# right: the residual's pieces with einsum, the intercept's slope as a mean
import numpy as np


def loss_and_gradient(w, b, X, y, alpha):
    n = X.shape[0]
    r = y - np.einsum("ij,j->i", X, w) - b
    loss = (np.einsum("i,i->", r, r) + alpha * np.einsum("j,j->", w, w)) / (2 * n)
    grad_w = -np.einsum("ij,i->j", X, r) / n + alpha * w / n
    grad_b = -np.mean(r)
    return float(loss), grad_w, float(grad_b)
