# mistake: "<=" in the search loop, so a row exactly between two centres goes to the last one
# fails: new_centers matches the reference
import numpy as np


def kmeans_step(X, centers):
    labels = np.zeros(len(X), dtype=int)
    for i, row in enumerate(X):
        best = np.inf
        for j, c in enumerate(centers):
            d = np.sum((row - c) ** 2)
            if d <= best:
                best, labels[i] = d, j
    return np.vstack([X[labels == j].mean(axis=0) for j in range(len(centers))])
