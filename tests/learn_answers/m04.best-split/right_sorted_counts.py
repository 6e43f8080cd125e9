# right: sorts each feature once and moves rows from right to left, keeping class counts in a dict
from collections import Counter


def impurity(counts, size):
    if size == 0:
        return 0.0
    return 1.0 - sum((c / size) ** 2 for c in counts.values())


def best_split(X, y):
    n = len(y)
    labels = [int(v) for v in y]
    parent = impurity(Counter(labels), n)
    found = []  # (gain, feature, threshold) in the order the ties rule wants
    for j in range(X.shape[1]):
        order = sorted(range(n), key=lambda i: X[i, j])
        left, right = Counter(), Counter(labels)
        for pos in range(n - 1):
            i = order[pos]
            left[labels[i]] += 1
            right[labels[i]] -= 1
            a, b = X[i, j], X[order[pos + 1], j]
            if a == b:
                continue  # no threshold between equal values
            size = pos + 1
            child = (size * impurity(left, size) + (n - size) * impurity(right, n - size)) / n
            found.append((parent - child, j, (a + b) / 2))
    if not found:
        return -1, float("inf"), 0.0
    top = max(g for g, _, _ in found)
    gain, feature, threshold = next(f for f in found if f[0] >= top - 1e-9)
    return feature, float(threshold), float(gain)
