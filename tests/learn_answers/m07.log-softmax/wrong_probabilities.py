# mistake: returns the probabilities themselves, stable but without the log
# fails: log_probabilities matches the reference
# on: one sample, three classes
import numpy as np


def log_softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
