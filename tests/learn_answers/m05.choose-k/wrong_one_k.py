# mistake: forgets "fewer than 3 values of k": with a single k, the rescaling divides 0 by 0
# fails: runs without numerical warnings
import numpy as np


def choose_k(ks, inertia, silhouette, tolerance):
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
    elbow_k = int(ks[np.argmax((1 - x) - y)])
    tied = ks[silhouette >= silhouette.max() - tolerance]
    return elbow_k, int(tied[np.argmin(np.abs(tied - elbow_k))])
