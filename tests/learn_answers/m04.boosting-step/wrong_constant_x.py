# mistake: no case for an x with a single value: np.sort(x)'s neighbours give one "threshold" on
# the value itself, and the empty right side's mean warns and is NaN
# fails: runs without numerical warnings
from itertools import pairwise

import numpy as np


def boosting_step(x, y, F, learning_rate):
    r = y - F
    xs = np.sort(x)
    candidates = [(a + b) / 2 for a, b in pairwise(xs) if a != b] or [xs[0]]
    best_t, best_sse = None, None
    for t in candidates:
        left = x <= t
        sse = np.sum((r[left] - r[left].mean()) ** 2) + np.sum((r[~left] - r[~left].mean()) ** 2)
        if best_sse is None or sse < best_sse - 1e-9 * np.sum(r**2):
            best_t, best_sse = t, sse
    left = x <= best_t
    return float(best_t), F + learning_rate * np.where(left, r[left].mean(), r[~left].mean())
