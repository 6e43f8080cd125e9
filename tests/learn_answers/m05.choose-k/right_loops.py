# right: the elbow and the tie rule as explicit loops with strict comparisons (the first wins)
def choose_k(ks, inertia, silhouette, tolerance):
    ks = [int(k) for k in ks]
    elbow_k = ks[0]
    if len(ks) >= 3:
        best_gap = None
        for k, inert in zip(ks, inertia, strict=True):
            x = (k - ks[0]) / (ks[-1] - ks[0])
            y = (inert - inertia[-1]) / (inertia[0] - inertia[-1])
            gap = (1 - x) - y
            if best_gap is None or gap > best_gap:
                best_gap, elbow_k = gap, k
    top = max(silhouette)
    best_k, best_distance = None, None
    for k, s in zip(ks, silhouette, strict=True):
        if s >= top - tolerance:
            distance = abs(k - elbow_k)
            if best_distance is None or distance < best_distance:
                best_k, best_distance = k, distance
    return elbow_k, best_k
