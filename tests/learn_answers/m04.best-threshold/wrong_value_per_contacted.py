# mistake: divides the total by the customers contacted, not by all n customers
# fails: value_per_customer matches the reference
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.round(np.linspace(0, 1, 101), 2)
    gain = y * success_rate * saved_value - offer_cost
    values = np.array([gain[proba >= t].sum() for t in grid])
    best = int(np.argmax(values))
    contacted = max(int(np.sum(proba >= grid[best])), 1)
    return float(grid[best]), float(values[best] / contacted)
