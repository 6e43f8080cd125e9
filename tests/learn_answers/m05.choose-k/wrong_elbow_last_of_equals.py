# mistake: the elbow as a loop with ">=": of two k equally far below the chord, the last wins
# fails: elbow_k matches the reference
import numpy as np


def choose_k(ks, inertia, silhouette, tolerance):
    elbow_k = int(ks[0])
    if len(ks) >= 3:
        x = (ks - ks[0]) / (ks[-1] - ks[0])
        y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
        gap = (1 - x) - y
        best = -np.inf
        for k, g in zip(ks, gap, strict=True):
            if g >= best:
                best, elbow_k = g, int(k)
    tied = ks[silhouette >= silhouette.max() - tolerance]
    return elbow_k, int(tied[np.argmin(np.abs(tied - elbow_k))])
