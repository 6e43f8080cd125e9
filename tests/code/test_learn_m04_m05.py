"""The small package functions month 5's graders call (fit_kmeans, best_k, mean_silhouette)
are right: a grader is only as good as the reference it compares with.

Month 5's right and wrong answers live in tests/learn_answers/ (test_learn_answers.py grades
them); tests/code/test_learn_graders.py proves each reference passes its own grader.
"""

from __future__ import annotations

import numpy as np
import pytest

from aieng.segment.choose_k import best_k, mean_silhouette
from aieng.segment.cluster import fit_kmeans, kmeans


def test_fit_kmeans_one_iteration_is_one_lloyd_step() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2)) + np.repeat([[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]], 10, axis=0)
    start = X[[0, 10, 20]].copy()
    labels = ((X[:, None] - start[None]) ** 2).sum(-1).argmin(1)
    by_hand = np.vstack([X[labels == j].mean(axis=0) for j in range(3)])
    got = fit_kmeans(X, 3, seed=0, n_init=1, init=start, max_iter=1).cluster_centers_
    np.testing.assert_allclose(got, by_hand, rtol=1e-12, atol=1e-12)
    # The package's kmeans goes through it with scikit-learn's defaults, as before.
    from sklearn.cluster import KMeans

    direct = KMeans(n_clusters=3, n_init=10, random_state=4).fit(X)
    labels_pkg, inertia = kmeans(X, 3, seed=4)
    assert inertia == pytest.approx(direct.inertia_, rel=1e-9)
    assert len(np.unique(labels_pkg)) == 3


def test_best_k_takes_the_tied_k_nearest_the_elbow() -> None:
    ks = np.arange(2, 7)
    silhouette = np.array([0.205, 0.2, 0.198, 0.15, 0.1])
    assert best_k(ks, silhouette, 4, tolerance=0.01) == 4  # 2, 3, 4 tied
    assert best_k(ks, silhouette, 4, tolerance=0.001) == 2  # only 2 is best
    assert best_k(ks, np.array([0.1, 0.3, 0.1, 0.3, 0.1]), 4, tolerance=0.0) == 3  # the smaller


def test_mean_silhouette_of_two_pairs_by_hand() -> None:
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    # row 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; by symmetry every row alike
    # except rows 1 and 2: a = 1, b = 9.5, s = 8.5 / 9.5
    expected = (2 * 9.5 / 10.5 + 2 * 8.5 / 9.5) / 4
    assert mean_silhouette(X, np.array([0, 0, 1, 1])) == pytest.approx(expected, rel=1e-12)
