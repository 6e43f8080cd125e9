# right: sort the customers once; the total at a threshold is a suffix sum of the sorted gains,
# found by binary search (O(n log n) instead of 101 passes over the rows)
import numpy as np


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    grid = np.arange(101) / 100  # k / 100 is the float nearest each step, like the rounded grid
    order = np.argsort(proba)
    p, gain = proba[order], (y * success_rate * saved_value - offer_cost)[order]
    suffix = np.concatenate([np.cumsum(gain[::-1])[::-1], [0.0]])  # suffix[i] = gain[i:].sum()
    totals = suffix[np.searchsorted(p, grid, side="left")]  # rows with p >= t start there
    best = int(np.argmax(totals))
    return float(grid[best]), float(totals[best] / len(y))
