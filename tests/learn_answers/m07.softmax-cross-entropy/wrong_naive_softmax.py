# mistake: softmax as written, exp of the raw logits: it overflows in the thousands
# fails: runs without numerical warnings
# on: a confident wrong answer: the true class is 2000 behind
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = len(labels)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), labels]))
    grad = p.copy()
    grad[np.arange(n), labels] -= 1
    return loss, grad / n
