# right: forward keeping every intermediate, backward one named step at a time
import numpy as np


def two_layer_gradients(x, labels, w1, b1, w2, b2):
    n = len(x)
    z1 = x @ w1.T + b1
    h = np.maximum(z1, 0.0)
    logits = h @ w2.T + b2
    log_p = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    loss = -log_p[np.arange(n), labels].mean()

    d_logits = np.exp(log_p)
    d_logits[np.arange(n), labels] -= 1.0
    d_logits /= n
    grad_w2 = d_logits.T @ h
    grad_b2 = d_logits.sum(axis=0)
    d_h = d_logits @ w2
    d_z1 = d_h * (z1 > 0)
    grad_w1 = d_z1.T @ x
    grad_b1 = d_z1.sum(axis=0)
    return loss, grad_w1, grad_b1, grad_w2, grad_b2
