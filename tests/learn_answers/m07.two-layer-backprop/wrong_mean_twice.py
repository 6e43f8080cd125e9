# mistake: divides the weights' gradients by n again, though the loss's gradient already holds
#   the 1/n
# fails: grad_w1 matches the reference
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
    g /= n
    d_z1 = (g @ w2) * (z1 > 0)
    loss = -log_p[np.arange(n), labels].mean()
    return loss, d_z1.T @ x / n, d_z1.mean(axis=0), g.T @ h / n, g.mean(axis=0)
