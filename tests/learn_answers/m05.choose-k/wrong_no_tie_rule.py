# mistake: ignores the tie rule: the best silhouette wins outright
# fails: best_k matches the reference
import numpy as np


def _elbow(ks, inertia):
    if len(ks) < 3:
        return int(ks[0])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
    return int(ks[np.argmax((1 - x) - y)])


def choose_k(ks, inertia, silhouette, tolerance):
    return _elbow(ks, inertia), int(ks[np.argmax(silhouette)])
