# mistake: widens the tie by 1e-9 "for rounding errors": a k below max − tolerance is let in
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
    tied = ks[silhouette >= silhouette.max() - tolerance - 1e-9]
    return elbow_k, int(tied[np.argmin(np.abs(tied - elbow_k))])
