# right: numpy for the elbow; the tie rule as a sort key (distance to the elbow, then k)
import numpy as np


def choose_k(ks, inertia, silhouette, tolerance):
    if len(ks) < 3:
        elbow_k = int(ks[0])
    else:
        x = (ks - ks[0]) / (ks[-1] - ks[0])
        y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
        elbow_k = int(ks[np.argmax((1 - x) - y)])
    tied = [
        int(k) for k, s in zip(ks, silhouette, strict=True) if s >= silhouette.max() - tolerance
    ]
    return elbow_k, min(tied, key=lambda k: (abs(k - elbow_k), k))
