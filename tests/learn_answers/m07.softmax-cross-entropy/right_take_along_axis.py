# right: the true class's log-probability picked with take_along_axis, the gradient built row
#   by row
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(logits)
    top = logits.max(axis=1, keepdims=True)
    log_p = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    picked = np.take_along_axis(log_p, labels[:, None], axis=1)
    grad = np.exp(log_p)
    for i, label in enumerate(labels):
        grad[i, label] -= 1.0
    return -picked.mean(), grad / n
