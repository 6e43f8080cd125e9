# right: tries every midpoint with boolean masks and measures each side's squared error directly
import numpy as np


def boosting_step(x, y, F, learning_rate):
    r = y - F
    values = np.unique(x)
    if len(values) == 1:
        return float("inf"), F + learning_rate * r.mean()
    tie = 1e-9 * np.sum(r**2)
    best_t, best_sse = None, None
    for t in (values[:-1] + values[1:]) / 2:
        left = x <= t
        sse = np.sum((r[left] - r[left].mean()) ** 2) + np.sum((r[~left] - r[~left].mean()) ** 2)
        if best_sse is None or sse < best_sse - tie:
            best_t, best_sse = t, sse
    left = x <= best_t
    stump = np.where(left, r[left].mean(), r[~left].mean())
    return float(best_t), F + learning_rate * stump
