# mistake: <= when comparing squared errors, so the last of equal thresholds wins
# fails: threshold matches the reference
import numpy as np


def boosting_step(x, y, F, learning_rate):
    r = y - F
    values = np.unique(x)
    if len(values) == 1:
        return float("inf"), F + learning_rate * r.mean()
    best_t, best_sse = None, np.inf
    for t in (values[:-1] + values[1:]) / 2:
        left = x <= t
        sse = np.sum((r[left] - r[left].mean()) ** 2) + np.sum((r[~left] - r[~left].mean()) ** 2)
        if sse <= best_sse:
            best_t, best_sse = t, sse
    left = x <= best_t
    return float(best_t), F + learning_rate * np.where(left, r[left].mean(), r[~left].mean())
