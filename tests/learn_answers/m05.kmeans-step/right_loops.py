# right: plain loops: the nearest centre of each row (the first on a tie, by strict <), then sums
import math

import numpy as np


def kmeans_step(X, centers):
    k, p = centers.shape
    sums = np.zeros((k, p))
    counts = np.zeros(k)
    for row in X:
        best, best_d = 0, math.inf
        for j, c in enumerate(centers):
            d = math.dist(row, c)
            if d < best_d:
                best, best_d = j, d
        sums[best] += row
        counts[best] += 1
    return sums / counts[:, None]
