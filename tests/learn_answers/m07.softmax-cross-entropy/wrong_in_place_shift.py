# mistake: subtracts each row's maximum from the logits in place: the caller's array changes
# fails: does not modify its inputs
# on: one sample, three classes
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(labels)
    logits -= logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1
    return -log_p[np.arange(n), labels].mean(), grad / n
