# right: sorts once and scores every cut from running sums (s_L²/n_L + s_R²/n_R, larger is better)
import numpy as np


def boosting_step(x, y, F, learning_rate):
    r = y - F
    n = len(r)
    order = np.argsort(x)
    xs, rs = x[order], r[order]
    running = np.cumsum(rs)
    total = running[-1]
    best_t, best_score, best_sides = float("inf"), None, (total / n, total / n)
    for i in range(1, n):
        if xs[i] == xs[i - 1]:
            continue
        s_left, s_right = running[i - 1], total - running[i - 1]
        score = s_left**2 / i + s_right**2 / (n - i)
        if best_score is None or score > best_score + 1e-9 * np.dot(r, r):
            best_t, best_score = (xs[i - 1] + xs[i]) / 2, score
            best_sides = (s_left / i, s_right / (n - i))
    step = np.where(x <= best_t, best_sides[0], best_sides[1])
    return float(best_t), F + learning_rate * step
