# mistake: the formula as written: exp overflows for logits in the thousands
# fails: runs without numerical warnings
# on: logits in the thousands: exp(1000) overflows float64
import numpy as np


def log_softmax(logits):
    e = np.exp(logits)
    return np.log(e / e.sum(axis=1, keepdims=True))
