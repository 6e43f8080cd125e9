# mistake: fits the stump to y itself instead of the residuals y − F, then adds it to F
# fails: F_next matches the reference
import numpy as np


def boosting_step(x, y, F, learning_rate):
    values = np.unique(x)
    if len(values) == 1:
        return float("inf"), F + learning_rate * y.mean()
    best_t, best_sse = None, None
    for t in (values[:-1] + values[1:]) / 2:
        left = x <= t
        sse = np.sum((y[left] - y[left].mean()) ** 2) + np.sum((y[~left] - y[~left].mean()) ** 2)
        if best_sse is None or sse < best_sse - 1e-9 * np.sum((y - F) ** 2):
            best_t, best_sse = t, sse
    left = x <= best_t
    return float(best_t), F + learning_rate * np.where(left, y[left].mean(), y[~left].mean())
