# mistake: the grid without np.round: linspace's 0.35 is 0.35000000000000003 (and so are 0.41,
# 0.47, 0.57, 0.69, 0.70, 0.82, 0.83, 0.94, 0.95), so a customer at exactly 0.35 is not contacted
# fails: threshold matches the reference
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.linspace(0, 1, 101)
    gain = y * success_rate * saved_value - offer_cost
    values = np.array([gain[proba >= t].sum() for t in grid])
    best = int(np.argmax(values))
    return float(grid[best]), float(values[best] / len(y))
