# mistake: the loss is the mean but its gradient lacks the 1/n: it is the summed loss's
# fails: grad_logits matches the reference
# on: three samples: the loss is their mean
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(labels)
    log_p = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1
    return -log_p[np.arange(n), labels].mean(), grad
