# mistake: of two tied k as near to the elbow, takes the larger
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
    tied = ks[silhouette >= silhouette.max() - tolerance]
    distance = np.abs(tied - elbow_k)
    return elbow_k, int(tied[::-1][np.argmin(distance[::-1])])
