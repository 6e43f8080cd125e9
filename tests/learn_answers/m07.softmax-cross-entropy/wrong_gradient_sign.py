# mistake: the gradient as truth minus prediction: the direction that raises the loss is
#   reversed
# fails: grad_logits matches the reference
# on: one sample, three classes
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(labels)
    log_p = logits - np.logaddexp.reduce(logits, axis=1, keepdims=True)
    one_hot = np.eye(logits.shape[1])[labels]
    return -log_p[np.arange(n), labels].mean(), (one_hot - np.exp(log_p)) / n
