# mistake: shifts the logits in place: the caller's array is changed
# fails: does not modify its inputs
# on: one sample, three classes
import numpy as np


def log_softmax(logits):
    logits -= logits.max(axis=1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
