# mistake: the row maxima without keepdims: shape (n,) is subtracted along the columns, which
#   a batch of one hides and a square batch gets wrong without an error
# fails: log_probabilities matches the reference
# on: a square batch, 2 × 2: each row is shifted by its own maximum
import numpy as np


def log_softmax(logits):
    m = logits.max(axis=1)
    shifted = logits - m
    return shifted - np.log(np.exp(shifted).sum(axis=1))
