# mistake: np.arange(0, 1, 0.01) stops before 1.00 (and drifts off k/100 as it goes): a
# customer the model is sure of (proba 1.0) can never be contacted alone
# fails: threshold matches the reference
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.round(np.arange(0, 1, 0.01), 2)
    gain = y * success_rate * saved_value - offer_cost
    values = np.array([gain[proba >= t].sum() for t in grid])
    best = int(np.argmax(values))
    return float(grid[best]), float(values[best] / len(y))
