"""A 2-D map of the segments with our month-3 PCA, held to scikit-learn's.

Segments live in as many dimensions as there are encoded features; a person sees two. PCA finds
the two directions along which the customers vary most and projects onto them. We use
:class:`aieng.scratch.PCA` (eigenvectors of the covariance matrix, month 3) and check it against
``sklearn.decomposition.PCA`` (an SVD) on the same matrix, every run.

An eigenvector is defined only up to sign (v and −v span the same line), so each of our
components is flipped to point the way scikit-learn's does before comparing. Components whose
eigenvalue is (nearly) repeated are not unique at all — any rotation within their plane is as
good — so only the components drawn on the map are compared, plus every explained variance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aieng.scratch.pca import PCA

PCA_TOLERANCE = 1e-8  # largest allowed |ours − sklearn| on unit loadings and variance ratios


@dataclass(frozen=True)
class Projection:
    """The map coordinates, the variance story, and the check against scikit-learn."""

    coords: np.ndarray  # (n_samples, 2) each row on the first two components
    explained_variance_ratio: np.ndarray  # (n_components,) share of variance per component
    loadings: np.ndarray  # (2, n_features) the two directions drawn
    gap: float  # largest |ours − sklearn| over the map's loadings, coordinates / scale, ratios
    tolerance: float


def project(X: np.ndarray, *, tolerance: float = PCA_TOLERANCE) -> Projection:
    """PCA of ``X`` (n_samples, n_features): 2-D coordinates and the check against sklearn."""
    from sklearn.decomposition import PCA as SkPCA

    ours = PCA().fit(X)
    ref = SkPCA(svd_solver="full").fit(X)
    n_map = min(2, ours.n_components_)
    signs = np.sign(np.sum(ours.components_[:n_map] * ref.components_[:n_map], axis=1))  # (2,)
    signs[signs == 0] = 1.0
    loadings = ours.components_[:n_map]  # (n_map, n_features)
    coords = ours.transform(X)[:, :n_map]  # (n_samples, n_map)
    ref_coords = ref.transform(X)[:, :n_map] * signs  # (n_samples, n_map)
    scale = max(float(np.abs(ref_coords).max()), 1.0)  # compare coordinates relative to range
    gap = max(
        float(np.max(np.abs(loadings - signs[:, None] * ref.components_[:n_map]))),
        float(np.max(np.abs(coords - ref_coords))) / scale,
        float(np.max(np.abs(ours.explained_variance_ratio_ - ref.explained_variance_ratio_))),
    )
    if n_map < 2:  # a single feature: draw it against zero so the map still has two axes
        coords = np.column_stack([coords, np.zeros(len(X))])
        loadings = np.vstack([loadings, np.zeros_like(loadings)])
    return Projection(
        coords=coords,
        explained_variance_ratio=ours.explained_variance_ratio_,
        loadings=loadings,
        gap=gap,
        tolerance=tolerance,
    )
