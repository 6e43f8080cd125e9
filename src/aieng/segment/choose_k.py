"""How many segments? Inertia (the elbow) and the silhouette, for every k in a range.

* **Inertia** is K-Means' own loss: the sum of squared distances of each row to its centre. It
  always falls as k grows (k = n gives 0), so the minimum says nothing; its *elbow*, where
  adding a segment stops paying, does.
* **Silhouette** compares, for each row, the mean distance to its own segment (a) with the mean
  distance to the nearest other segment (b): ``(b - a) / max(a, b)``, from -1 to 1. It is
  computed on a seeded sample when the data is large: the exact score costs O(n²) distances.

The rule: the best silhouette wins, but silhouettes within ``tolerance`` of the best are a tie
(their difference is below the noise of the sample), and a tie goes to the k nearest the elbow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aieng.errors import DataError
from aieng.segment.cluster import fit_kmeans, one_thread

SILHOUETTE_SAMPLE = 3000  # rows scored for the silhouette: O(n²) beyond this gets slow
TIE_TOLERANCE = 0.01  # silhouettes closer than this to the best count as a tie


@dataclass(frozen=True)
class KChoice:
    """Both curves over the tried k, and the k chosen."""

    ks: tuple[int, ...]  # (n_k,) the candidates, increasing
    inertia: np.ndarray  # (n_k,) K-Means loss per k
    silhouette: np.ndarray  # (n_k,) mean silhouette per k (on ``sample_size`` rows)
    elbow_k: int  # where the inertia curve bends most
    best_k: int  # the chosen k
    sample_size: int  # rows the silhouette was computed on
    tolerance: float  # silhouette gap counted as a tie


def check_k(k: int, n_samples: int) -> None:
    """Raise a :class:`DataError` unless ``k`` segments can be made from ``n_samples`` rows."""
    if n_samples < k + 1:
        raise DataError(
            f"{n_samples} rows are too few for {k} segments (need at least {k + 1})",
            hint="ask for fewer segments with --k, or give more rows.",
        )


def elbow(ks: np.ndarray, inertia: np.ndarray) -> int:
    """The k whose point lies furthest below the chord from the first to the last point.

    Both axes are rescaled to [0, 1] first (the "kneedle" idea), so the answer does not
    depend on the units of the inertia.
    """
    if len(ks) < 3:
        return int(ks[0])
    x = (ks - ks[0]) / (ks[-1] - ks[0])  # (n_k,)
    span = inertia[0] - inertia[-1]
    y = (inertia - inertia[-1]) / span if span > 0 else np.zeros_like(inertia)  # (n_k,)
    gap = (1.0 - x) - y  # chord from (0, 1) to (1, 0) minus the curve: how far it bends
    return int(ks[int(np.argmax(gap))])


def best_k(
    ks: np.ndarray, silhouette: np.ndarray, elbow_k: int, *, tolerance: float = TIE_TOLERANCE
) -> int:
    """The k with the best silhouette; within ``tolerance`` of the best is a tie, won by the k
    nearest ``elbow_k`` (the smaller k if two are as near). ``ks``, ``silhouette``: (n_k,)."""
    tied = ks[silhouette >= silhouette.max() - tolerance]  # (n_tied,) increasing
    return int(tied[np.argmin(np.abs(tied - elbow_k))])  # argmin: the first of equals


def mean_silhouette(
    X: np.ndarray, labels: np.ndarray, *, sample_size: int | None = None, seed: int = 0
) -> float:
    """Mean silhouette of ``labels`` (n_samples,) on ``X`` (n_samples, n_features), from -1 to 1.

    Per row, ``(b - a) / max(a, b)`` with a the mean distance to the rest of its own segment and
    b the mean distance to the nearest other segment; 0 for a row alone in its segment.
    ``sample_size`` rows (seeded) instead of all: the exact score costs O(n²) distances.
    """
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(X, labels, sample_size=sample_size, random_state=seed))


def choose_k(
    X: np.ndarray,
    *,
    k_min: int = 2,
    k_max: int = 8,
    seed: int = 0,
    n_init: int = 10,
    sample_size: int = SILHOUETTE_SAMPLE,
    tolerance: float = TIE_TOLERANCE,
) -> KChoice:
    """Fit K-Means for every k in ``[k_min, k_max]`` on ``X`` (n_samples, n_features).

    ``k_max`` is lowered to n_samples - 1 when there are fewer rows (the silhouette needs
    2 ≤ k ≤ n - 1); raises :class:`DataError` when not even ``k_min`` segments fit.
    """
    n = X.shape[0]
    check_k(k_min, n)
    ks = np.arange(k_min, min(k_max, n - 1) + 1)  # (n_k,)
    size = min(sample_size, n)
    inertia = np.empty(len(ks))
    silhouette = np.empty(len(ks))
    with one_thread():
        for i, k in enumerate(ks):
            inertia[i], silhouette[i] = _fit_and_score(X, int(k), seed, n_init, size)
    elbow_k = elbow(ks, inertia)
    return KChoice(
        ks=tuple(int(k) for k in ks),
        inertia=inertia,
        silhouette=silhouette,
        elbow_k=elbow_k,
        best_k=best_k(ks, silhouette, elbow_k, tolerance=tolerance),
        sample_size=size,
        tolerance=tolerance,
    )


def _fit_and_score(
    X: np.ndarray, k: int, seed: int, n_init: int, sample_size: int
) -> tuple[float, float]:
    """(inertia, silhouette) of K-Means with ``k`` segments on ``X`` (n_samples, n_features)."""
    model = fit_kmeans(X, k, seed=seed, n_init=n_init)
    if len(np.unique(model.labels_)) < 2:  # duplicated rows: fewer distinct points than k
        return float(model.inertia_), -1.0
    # The same seed draws the same rows for every k, so the scores compare like for like.
    sample = sample_size if sample_size < len(X) else None
    return float(model.inertia_), mean_silhouette(X, model.labels_, sample_size=sample, seed=seed)
