# mistake: writes the new centres into the centers array it was given
# fails: does not modify its inputs


def kmeans_step(X, centers):
    labels = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
    for j in range(len(centers)):
        centers[j] = X[labels == j].mean(axis=0)
    return centers
