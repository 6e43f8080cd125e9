# right: row by row with dictionaries of distances per segment
import math


def mean_silhouette(X, labels):
    n = len(X)
    total = 0.0
    for i in range(n):
        by_segment = {}
        for j in range(n):
            if j != i:
                by_segment.setdefault(labels[j], []).append(math.dist(X[i], X[j]))
        own = by_segment.pop(labels[i], [])
        if not own:
            continue  # alone in its segment: s = 0
        a = sum(own) / len(own)
        b = min(sum(d) / len(d) for d in by_segment.values())
        total += (b - a) / max(a, b)
    return total / n
