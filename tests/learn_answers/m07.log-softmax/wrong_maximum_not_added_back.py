# mistake: subtracts the log of the shifted sum from the unshifted logits, losing the maximum
# fails: log_probabilities matches the reference
# on: one sample, three classes
import numpy as np


def log_softmax(logits):
    m = logits.max(axis=1, keepdims=True)
    return logits - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
