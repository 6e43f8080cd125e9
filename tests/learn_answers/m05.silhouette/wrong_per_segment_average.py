# mistake: averages each segment's silhouette, then the segments: small segments weigh too much
# fails: silhouette matches the reference
import numpy as np


def mean_silhouette(X, labels):
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))
    s = np.zeros(len(X))
    for i in range(len(X)):
        same = labels == labels[i]
        if same.sum() == 1:
            continue
        a = D[i, same].sum() / (same.sum() - 1)
        b = min(D[i, labels == c].mean() for c in set(labels.tolist()) - {labels[i]})
        s[i] = (b - a) / max(a, b)
    return float(np.mean([s[labels == c].mean() for c in np.unique(labels)]))
