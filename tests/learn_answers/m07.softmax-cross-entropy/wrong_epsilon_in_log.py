# mistake: a stable softmax, then log(p + 1e-12) to avoid log(0): a confident wrong answer's
#   loss stops at −ln(1e-12) = 27.6
# fails: loss matches the reference
# on: a confident wrong answer: the true class is 2000 behind
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(labels)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), labels] + 1e-12))
    grad = p.copy()
    grad[np.arange(n), labels] -= 1
    return loss, grad / n
