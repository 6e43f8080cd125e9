# mistake: contacts customers with proba > threshold, where >= is asked
# fails: threshold matches the reference
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.round(np.linspace(0, 1, 101), 2)
    gain = y * success_rate * saved_value - offer_cost
    values = np.array([gain[proba > t].sum() for t in grid])
    best = int(np.argmax(values))
    return float(grid[best]), float(values[best] / len(y))
