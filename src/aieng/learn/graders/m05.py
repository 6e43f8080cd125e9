"""Graders of month 5 (``aieng.segment``): a K-Means step, the silhouette, choosing k, the PCA
map and the robust z-score of an anomaly's reasons.

References are the package's functions: ``fit_kmeans`` (the one K-Means the package builds,
started from the case's centres and run for one iteration), ``mean_silhouette``, ``elbow`` with
``best_k`` (the rule ``choose_k`` applies), ``project`` and ``robust_z``. Cases are small
(≤ 40 rows) and well-posed: K-Means centres start on distinct data rows, so no cluster is empty
(scikit-learn would move an empty cluster's centre; the exercise does not ask for that), and the
PCA cases have separated eigenvalues (unique components).

Every rule a docstring states has a fixed case built to hit it: a tie goes one way, so a case
has the tie (a row as near to two centres, two k as near to the elbow, two k as far below the
chord); a boundary is inclusive, so a case sits on it and another 2^-40 past it. Those cases
use small integers or sums of powers of 2, so that "equal" and "on the boundary" hold exactly
for every correct way of computing them, not only for the reference's. The generated cases
stay off the boundaries (silhouettes on a 0.001 grid against tolerances of x.xx5): there the
rounding of one correct formula could differ from another's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]


def _i(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def _f(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def _blobs(rng: np.random.Generator, n: int, p: int, k: int) -> np.ndarray:
    """(n, p) points around k random centres (spread 1, centres spread 4)."""
    centres = rng.normal(scale=4.0, size=(k, p))
    return centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, p))


# ── m05.kmeans-step ───────────────────────────────────────────────────────────────────────────


def _kmeans_step_reference(fit_kmeans: Fn) -> Fn:
    def kmeans_step(X: Any, centers: Any) -> np.ndarray:
        model = fit_kmeans(X, len(centers), seed=0, n_init=1, init=centers, max_iter=1)
        return np.asarray(model.cluster_centers_, dtype=float)

    return kmeans_step


def _kmeans_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, p = int(rng.integers(4, 31)), int(rng.integers(1, 5))
    k = int(rng.integers(2, min(5, n - 1) + 1))
    X = _blobs(rng, n, p, k)
    start = X[rng.choice(n, k, replace=False)].copy()  # (k, p) distinct rows: none empty
    return (X, start)


# Small integers: every squared distance is exact, so these ties are ties for any correct
# formula (a loop, norms, ‖x‖² − 2x·c + ‖c‖²) and for scikit-learn, which keeps the first.
_KMEANS_TIES = [
    Case(
        "a row halfway between two centres joins the first listed",
        (_f([0.0], [1.0], [2.0], [5.0]), _f([2.0], [0.0])),
    ),
    Case(
        "a row as near to three centres joins the first listed",
        (_f([0, 0], [1, 1], [2, 0], [0, 2], [2, 2]), _f([0, 0], [2, 2], [2, 0])),
    ),
]


def _explain_kmeans(case: Case, name: str, got: Any, expected: Any) -> str:
    centers = case.args[1]
    if isinstance(got, np.ndarray) and got.shape == centers.shape and np.allclose(got, centers):
        return (
            "your centres did not move: after assigning the rows, each centre becomes the "
            "mean of its rows."
        )
    if "as near" in case.label or "halfway" in case.label:
        return (
            "a row exactly as near to several centres joins the first of them in the order "
            "of centers (np.argmin does that; a loop needs a strict <)."
        )
    return (
        "assign each row to the centre at the smallest Euclidean distance (argmin over the "
        "k centres), then average the rows of each cluster; centre j stays row j."
    )


# ── m05.silhouette ────────────────────────────────────────────────────────────────────────────


def _silhouette_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n, p = int(rng.integers(3, 31)), int(rng.integers(1, 4))
    k = int(rng.integers(2, min(5, n - 1) + 1))
    X = _blobs(rng, n, p, k)
    labels = np.concatenate([np.arange(k), rng.integers(0, k, size=n - k)])  # every label used
    return (X, rng.permutation(labels).astype(np.int64))


# ── m05.choose-k ──────────────────────────────────────────────────────────────────────────────


def _choose_k_reference(best_k: Fn) -> Fn:
    from aieng.segment.choose_k import elbow

    def choose_k(ks: Any, inertia: Any, silhouette: Any, tolerance: float) -> tuple[int, int]:
        elbow_k = elbow(ks, inertia)
        return elbow_k, best_k(ks, silhouette, elbow_k, tolerance=tolerance)

    return choose_k


def _choose_k_case(rng: np.random.Generator) -> tuple[Any, ...]:
    k_min, n_k = int(rng.integers(1, 4)), int(rng.integers(1, 8))
    ks = np.arange(k_min, k_min + n_k, dtype=np.int64)
    drops = rng.uniform(0.05, 1.0, size=n_k) * np.geomspace(1, rng.uniform(0.05, 1), n_k)
    inertia = 100.0 * (1.0 + drops[::-1].cumsum()[::-1] - drops[0])  # decreasing, > 0
    # Multiples of 0.001 against tolerances of x.xx5: no silhouette is ever on the boundary.
    silhouette = rng.integers(-100, 600, size=n_k) / 1000
    if rng.random() < 0.5:
        silhouette = silhouette.max() - rng.integers(0, 15, size=n_k) / 1000  # many near-ties
    tolerance = float(rng.choice([0.005, 0.0125, 0.0205]))
    return (ks, inertia, silhouette, tolerance)


_CHOOSE_K_FIXED = [
    Case(
        "one clear winner",
        (_i(2, 3, 4, 5, 6), _f(100.0, 50.0, 30.0, 25.0, 22.0), _f(0.3, 0.5, 0.35, 0.3, 0.28), 0.01),
    ),
    Case(
        "a tie goes to the k nearest the elbow",
        (
            _i(2, 3, 4, 5, 6),
            _f(100.0, 80.0, 40.0, 36.0, 33.0),
            _f(0.205, 0.2, 0.198, 0.15, 0.1),
            0.01,
        ),
    ),
    Case("two candidates: the elbow is the first", (_i(2, 3), _f(10.0, 5.0), _f(0.4, 0.45), 0.01)),
    Case("one candidate", (_i(3), _f(50.0), _f(0.4), 0.01)),
    Case(
        "k = 3 and k = 5 tie, both 1 from the elbow: the smaller wins",
        (_i(2, 3, 4, 5, 6), _f(100, 60, 30, 25, 22), _f(0.2, 0.305, 0.29, 0.3, 0.1), 0.01),
    ),
    # Sums of powers of 2: max − tolerance is computed exactly, so "on the boundary" and
    # "2^-40 ≈ 9e-13 below it" mean the same for every correct formula (≥, or max − s ≤ tol).
    Case(
        "a silhouette exactly tolerance below the best is tied (≥, not >)",
        (_i(2, 3, 4, 5, 6), _f(100, 60, 30, 25, 22), _f(0.5, 0.25, 0.375, 0.25, 0.125), 0.125),
    ),
    Case(
        "a silhouette 9e-13 further below is not tied (no extra slack, no isclose)",
        (
            _i(2, 3, 4, 5, 6),
            _f(100, 60, 30, 25, 22),
            _f(0.5, 0.25, 0.375 - 2.0**-40, 0.25, 0.125),
            0.125,
        ),
    ),
    Case(
        "k = 2 and k = 3 equally far below the chord: the elbow is the first",
        (_i(1, 2, 3, 4, 5), _f(9, 5, 3, 2, 1), _f(0.1, 0.3, 0.3, 0.2, 0.1), 0.01),
    ),
]


def _explain_choose_k(case: Case, name: str, got: Any, expected: Any) -> str:
    if name == "elbow_k":
        return (
            "elbow_k is the k furthest below the chord from the first point to the last, the "
            "first of equals; with fewer than 3 candidates it is ks[0]."
        )
    return (
        "a k is tied when its silhouette ≥ max − tolerance, exactly as written (on the "
        "boundary is in, any further below is out); of the tied k the one nearest elbow_k "
        "wins, the smaller k if two are as near."
    )


# ── m05.pca-map ───────────────────────────────────────────────────────────────────────────────


def _pca_map_reference(project: Fn) -> Fn:
    def pca_map(X: Any) -> tuple[np.ndarray, np.ndarray]:
        result = project(X)
        return np.ascontiguousarray(result.coords.T), result.explained_variance_ratio

    return pca_map


def _pca_map_case(rng: np.random.Generator) -> tuple[Any, ...]:
    from aieng.learn.graders.m03 import _pca_data  # separated eigenvalues: unique components

    return (_pca_data(rng, int(rng.integers(10, 41)), int(rng.integers(2, 6))),)


# ── m05.robust-z ──────────────────────────────────────────────────────────────────────────────


def _robust_z_reference(robust_z: Fn) -> Fn:
    import pandas as pd

    def robust_z_scores(values: Any) -> np.ndarray:
        return np.asarray(robust_z(pd.Series(values)).to_numpy(), dtype=float)

    return robust_z_scores


def _robust_z_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(2, 31))
    kind = int(rng.integers(0, 4))
    if kind == 0:  # spread values with a few far outliers
        x = rng.normal(50, 10, size=n)
        x[rng.random(n) < 0.15] *= 10
    elif kind == 1:  # mostly zeros: the MAD is 0
        x = np.where(rng.random(n) < 0.6, 0.0, rng.integers(1, 20, size=n).astype(float))
    elif kind == 2:  # one value and a rare other: the MAD and the IQR are 0
        x = np.full(n, float(rng.integers(0, 5)))
        x[rng.integers(0, n)] += float(rng.integers(1, 50))
    else:  # small integers: repeated values
        x = rng.integers(0, 6, size=n).astype(float)
    return (x,)


_ROBUST_FIXED = [
    Case("one outlier among five", (_f(1.0, 2.0, 3.0, 4.0, 100.0),)),
    Case(
        "six zeros of ten: the MAD is 0, the IQR is not",
        (_f(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 4.0, 8.0, 10.0),),
    ),
    Case("nine zeros and a 5: the std is the scale", (_f(0, 0, 0, 0, 0, 0, 0, 0, 0, 5.0),)),
    Case("all equal: every z is 0", (_f(7.0, 7.0, 7.0),)),
    # The first case in billionths: z has no units, so the answer is the same. Its MAD, 1e-9,
    # is small but not 0 — an answer that asks np.isclose(mad, 0) (atol 1e-8) falls back.
    Case(
        "the same five values in billionths: a MAD of 1e-9 is not 0", (_f(1, 2, 3, 4, 100) * 1e-9,)
    ),
]


def _explain_robust(case: Case, name: str, got: Any, expected: Any) -> str:
    if "billionths" in case.label:
        return (
            "a z-score has no units: these values are the first case's times 1e-9, so the z "
            "are the same. A scale falls back only when it is exactly 0 (test scale > 0, not "
            "np.isclose, whose atol of 1e-8 calls this MAD of 1e-9 zero)."
        )
    x = np.asarray(case.args[0], dtype=float)
    z_std = (x - x.mean()) / x.std(ddof=1) if x.std(ddof=1) > 0 else np.zeros_like(x)
    if isinstance(got, np.ndarray) and got.shape == x.shape and np.allclose(got, z_std):
        return (
            "that is the ordinary z-score (mean and standard deviation), which the outliers "
            "themselves inflate: use the median and 1.4826 × the median absolute deviation."
        )
    return ""


GRADERS: dict[str, Grader] = {
    "m05.kmeans-step": Grader(
        params=("X", "centers"),
        outputs=(Output("new_centers", "array", rtol=1e-9, atol=1e-9),),
        fixed=lambda: [
            Case(
                "two blobs of two points",
                (_f([0, 0], [0, 1], [5, 5], [6, 5]), _f([0, 0], [6, 5])),
            ),
            Case("a point changes sides", (_f([0.0], [2.0], [3.0], [10.0]), _f([0.0], [3.0]))),
            *_KMEANS_TIES,
        ],
        generated=lambda: seeded(_kmeans_case),
        n_generated=30,
        adapt=_kmeans_step_reference,
        explain=_explain_kmeans,
    ),
    "m05.silhouette": Grader(
        params=("X", "labels"),
        outputs=(Output("silhouette", "scalar", rtol=1e-9, atol=1e-12),),
        fixed=lambda: [
            Case("two pairs on a line", (_f([0.0], [1.0], [10.0], [11.0]), _i(0, 0, 1, 1))),
            Case("a point alone scores 0", (_f([0.0], [1.0], [5.0]), _i(0, 0, 1))),
            Case(
                "a bad split scores below 0",
                (_f([0.0], [1.0], [10.0], [11.0]), _i(0, 1, 0, 1)),
            ),
            Case(
                "segments named 7, -1 and 3 (labels are names, not 0 … k-1)",
                (
                    _f([0, 0], [0, 1], [4, 0], [5, 1], [9, 0], [10, 0], [10, 1]),
                    _i(7, 7, -1, -1, 3, 3, 3),
                ),
            ),
        ],
        generated=lambda: seeded(_silhouette_case),
        n_generated=30,
    ),
    "m05.choose-k": Grader(
        params=("ks", "inertia", "silhouette", "tolerance"),
        outputs=(
            Output("elbow_k", "scalar", rtol=0.0, atol=1e-9),
            Output("best_k", "scalar", rtol=0.0, atol=1e-9),
        ),
        fixed=lambda: list(_CHOOSE_K_FIXED),
        generated=lambda: seeded(_choose_k_case),
        adapt=_choose_k_reference,
        explain=_explain_choose_k,
    ),
    "m05.pca-map": Grader(
        params=("X",),
        outputs=(
            Output("axes", "array", rtol=1e-6, atol=1e-8, rows_up_to_sign=True),
            Output("explained_variance_ratio", "array", rtol=1e-6, atol=1e-10),
        ),
        fixed=lambda: [
            Case(
                "4 points near a line, away from the origin",
                (_f([10, 20.1], [11, 21.1], [12, 21.8], [13, 23.2]),),
            ),
        ],
        generated=lambda: seeded(_pca_map_case),
        n_generated=20,
        adapt=_pca_map_reference,
    ),
    "m05.robust-z": Grader(
        params=("values",),
        outputs=(Output("z", "array", rtol=1e-9, atol=1e-12),),
        fixed=lambda: list(_ROBUST_FIXED),
        generated=lambda: seeded(_robust_z_case),
        adapt=_robust_z_reference,
        explain=_explain_robust,
    ),
}
