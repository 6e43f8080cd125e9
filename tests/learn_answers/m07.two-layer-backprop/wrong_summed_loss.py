# mistake: the summed loss and its gradient: every value n times the mean's
# fails: loss matches the reference
# on: four samples: the mean's 1/n, once
import numpy as np


def two_layer_gradients(x, labels, w1, b1, w2, b2):
    n = len(x)
    z1 = x @ w1.T + b1
    h = np.maximum(z1, 0)
    logits = h @ w2.T + b2
    log_p = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    g = np.exp(log_p)
    g[np.arange(n), labels] -= 1
    d_z1 = (g @ w2) * (z1 > 0)
    loss = -log_p[np.arange(n), labels].sum()
    return loss, d_z1.T @ x, d_z1.sum(axis=0), g.T @ h, g.sum(axis=0)
