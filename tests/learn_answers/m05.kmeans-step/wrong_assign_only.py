# mistake: assigns the rows but returns the old centres: the update step is missing
# fails: new_centers matches the reference


def kmeans_step(X, centers):
    labels = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert labels.shape == (len(X),)
    return centers.astype(float).copy()
