"""K-Means segments, checked two ways: against other algorithms and against other seeds.

A segmentation a team will act on must not be an accident of one algorithm or one random start:

* **Agreement between algorithms.** A Gaussian mixture (soft, elliptical clusters) and Ward's
  agglomerative clustering (merge the closest groups bottom-up) are fitted with the same k; the
  adjusted Rand index (ARI: 1 = the same partition, 0 = no better than chance, label names
  ignored) says how much each agrees with K-Means.
* **Stability across seeds.** K-Means starts from random centres; refitting with other seeds and
  comparing with ARI shows whether the segments are a property of the data or of the start.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

AGGLOMERATIVE_SAMPLE = 3000  # Ward needs all pairwise distances: O(n²) memory beyond this
METHODS = ("K-Means", "Gaussian mixture", "agglomerative (Ward)")  # rows/columns of agreement


@dataclass(frozen=True)
class Clustering:
    """The K-Means segmentation and how far it can be trusted."""

    k: int
    labels: np.ndarray  # (n_samples,) segment per row, 0 = the largest segment
    centers: np.ndarray  # (k, n_features) in the scaled feature space
    inertia: float
    agreement: np.ndarray  # (3, 3) ARI between the METHODS
    agglomerative_rows: int  # rows the agglomerative clustering was fitted on (a sample if large)
    stability: np.ndarray  # (n_seeds,) ARI of K-Means refitted with other seeds vs ``labels``


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run OpenMP loops (K-Means) and BLAS (the Gaussian mixture) on one thread in the block.

    On a few thousand rows each iteration is little work, and idle OpenMP/OpenBLAS threads
    busy-wait for the next one. On a machine whose cores are shared (a laptop running other
    work, CI), two threads were measured 10-15× *slower* than one on Telco: K-Means 4-5 s
    against 0.3 s, the mixture 3 s against 0.2 s. The previous limits are restored on exit.
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # no stubs

    with threadpool_limits(limits=1):
        yield


def by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber labels so segment 0 is the largest (ties: the lower old label first)."""
    counts = np.bincount(labels)
    order = np.lexsort((np.arange(len(counts)), -counts))  # old labels, largest first
    mapping = np.empty_like(order)
    mapping[order] = np.arange(len(order))
    return mapping[labels]  # type: ignore[no-any-return]


def fit_kmeans(
    X: np.ndarray,
    k: int,
    *,
    seed: int,
    n_init: int = 10,
    init: str | np.ndarray = "k-means++",
    max_iter: int = 300,
) -> Any:
    """scikit-learn's ``KMeans`` (Lloyd's algorithm) fitted on ``X`` (n_samples, n_features).

    The one place the package builds a K-Means: ``init`` is "k-means++" (spread-out random
    starts, the best of ``n_init`` kept) or a (k, n_features) array of starting centres (then
    ``n_init`` must be 1). ``aieng check m05.kmeans-step`` runs it for ``max_iter=1``.
    """
    from sklearn.cluster import KMeans

    model = KMeans(n_clusters=k, init=init, n_init=n_init, max_iter=max_iter, random_state=seed)
    return model.fit(X)


def kmeans(X: np.ndarray, k: int, *, seed: int, n_init: int = 10) -> tuple[np.ndarray, float]:
    """K-Means on ``X`` (n_samples, n_features): (labels renumbered by size, inertia)."""
    model = fit_kmeans(X, k, seed=seed, n_init=n_init)
    return by_size(model.labels_), float(model.inertia_)


def cluster(
    X: np.ndarray, k: int, *, seed: int = 0, n_init: int = 10, n_seeds: int = 5
) -> Clustering:
    """Segment ``X`` (n_samples, n_features) into ``k`` groups and measure their robustness."""
    with one_thread():
        return _cluster(X, k, seed=seed, n_init=n_init, n_seeds=n_seeds)


def _cluster(X: np.ndarray, k: int, *, seed: int, n_init: int, n_seeds: int) -> Clustering:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score
    from sklearn.mixture import GaussianMixture

    labels, inertia = kmeans(X, k, seed=seed, n_init=n_init)
    centers = np.vstack([X[labels == j].mean(axis=0) for j in range(k)])  # (k, n_features)
    # diag covariance: one-hot columns make full covariance matrices singular, and k full
    # matrices of d² entries each would be slow for little gain on 0/1 columns.
    gmm = GaussianMixture(
        n_components=k, covariance_type="diag", n_init=2, random_state=seed
    ).fit_predict(X)
    rng = np.random.default_rng(seed)
    rows = (
        np.sort(rng.choice(len(X), AGGLOMERATIVE_SAMPLE, replace=False))
        if len(X) > AGGLOMERATIVE_SAMPLE
        else np.arange(len(X))
    )  # (n_rows,)
    ward = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(X[rows])
    ari = np.eye(3)  # (3, 3)
    pairs = [(0, 1, labels, gmm), (0, 2, labels[rows], ward), (1, 2, gmm[rows], ward)]
    for i, j, a, b in pairs:
        ari[i, j] = ari[j, i] = adjusted_rand_score(a, b)
    with warnings.catch_warnings():  # an unlucky single start may not converge; that is the test
        warnings.simplefilter("ignore")
        stability = np.array(
            [
                adjusted_rand_score(labels, kmeans(X, k, seed=seed + 1 + s, n_init=n_init)[0])
                for s in range(n_seeds)
            ]
        )  # (n_seeds,)
    return Clustering(
        k=k,
        labels=labels,
        centers=centers,
        inertia=inertia,
        agreement=ari,
        agglomerative_rows=len(rows),
        stability=stability,
    )
