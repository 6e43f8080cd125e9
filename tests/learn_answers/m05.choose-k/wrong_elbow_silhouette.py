# mistake: a tie is within tolerance of the *elbow's* silhouette, not of the best one
# fails: best_k matches the reference
import numpy as np


def _elbow(ks, inertia):
    if len(ks) < 3:
        return int(ks[0])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
    return int(ks[np.argmax((1 - x) - y)])


def choose_k(ks, inertia, silhouette, tolerance):
    elbow_k = _elbow(ks, inertia)
    at_elbow = silhouette[list(ks).index(elbow_k)]
    if silhouette.max() - at_elbow <= tolerance:
        return elbow_k, elbow_k
    return elbow_k, int(ks[np.argmax(silhouette)])
