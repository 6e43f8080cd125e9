# mistake: of equally good thresholds, returns the highest (>= when updating the best)
# fails: threshold matches the reference
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.round(np.linspace(0, 1, 101), 2)
    gain = y * success_rate * saved_value - offer_cost
    best_t, best_value = 0.0, -np.inf
    for t in grid:
        value = gain[proba >= t].sum()
        if value >= best_value:
            best_t, best_value = t, value
    return float(best_t), float(best_value / len(y))
