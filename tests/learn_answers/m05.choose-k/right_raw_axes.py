# right: how far each point lies below the chord on the raw axes (rescaling only multiplies
#   every such distance by one constant, so the same k is furthest), then the tie rule
import numpy as np


def choose_k(ks, inertia, silhouette, tolerance):
    elbow_k = int(ks[0])
    if len(ks) >= 3:
        slope = (inertia[-1] - inertia[0]) / (ks[-1] - ks[0])
        below = inertia[0] + slope * (ks - ks[0]) - inertia
        elbow_k = int(ks[np.argmax(below)])
    tied = ks[silhouette.max() - silhouette <= tolerance]
    return elbow_k, int(tied[np.argmin(np.abs(tied - elbow_k))])
