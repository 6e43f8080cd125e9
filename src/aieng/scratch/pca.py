"""Principal component analysis from scratch: eigenvectors of the covariance matrix.

The first principal component is the unit direction along which the centered data varies most;
each next one does the same among directions orthogonal to those before. Maximising
``vᵀ C v`` over unit ``v`` (C the covariance matrix) is an eigenvalue problem: the components
are C's eigenvectors, sorted by eigenvalue, and each eigenvalue is the variance along its
component.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import check_array
from sklearn.utils.validation import check_is_fitted

from aieng.scratch._common import (
    Array,
    InputDataError,
    ParameterError,
    check_number,
    validate,
)

__all__ = ["PCA"]


class PCA(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Linear dimensionality reduction onto the top principal components.

    Parameters
    ----------
    n_components : number of components to keep (1 ≤ k ≤ min(n_samples, n_features));
        ``None`` keeps ``min(n_samples, n_features)``, as sklearn does.

    Attributes
    ----------
    components_ : (n_components, n_features) unit rows, by decreasing variance. An eigenvector
        is only defined up to sign, so we fix it: each row's largest-magnitude entry is
        positive (sklearn's convention too, so results compare directly).
    explained_variance_ : (n_components,) variance along each component (ddof=1).
    explained_variance_ratio_ : (n_components,) share of the total variance.
    mean_ : (n_features,) the column means removed before projecting.
    n_components_, n_features_in_.
    """

    def __init__(self, *, n_components: int | None = None) -> None:
        self.n_components = n_components

    def fit(self, X: Any, y: Any = None) -> PCA:
        """Learn the components of ``X`` (n_samples, n_features); ``y`` is ignored."""
        X = validate(self, X, reset=True, ensure_min_samples=2)
        n_samples, n_features = X.shape
        limit = min(n_samples, n_features)
        k = limit if self.n_components is None else self.n_components
        check_number("n_components", k, minimum=1, integer=True)
        if k > limit:
            raise ParameterError(
                f"n_components={k} is more than min(n_samples, n_features) = {limit}",
                hint=f"ask for at most {limit} components, or None for all of them",
            )
        self.mean_ = X.mean(axis=0)  # (n_features,)
        centered = X - self.mean_  # (n_samples, n_features), a new array
        covariance = centered.T @ centered / (n_samples - 1)  # (n_features, n_features)
        # eigh, not eig: a covariance matrix is symmetric, and eigh exploits it — the
        # eigenvalues come out real and sorted, the eigenvectors orthonormal, at about half
        # the cost. eig treats it as a general matrix: complex dtypes, no order, and rounding
        # can leave the vectors slightly non-orthogonal.
        eigenvalues, eigenvectors = np.linalg.eigh(covariance)  # ascending; columns are vectors
        order = np.arange(n_features)[::-1][:k]  # (k,) largest variance first
        components = eigenvectors[:, order].T  # (k, n_features)
        # Sign: make each row's largest |loading| positive.
        rows = np.arange(k)
        signs = np.sign(components[rows, np.argmax(np.abs(components), axis=1)])  # (k,)
        self.components_ = components * signs[:, None]  # (k, n_features)
        # Rounding can make a zero eigenvalue slightly negative; a variance is never < 0.
        variances = np.clip(eigenvalues, 0.0, None)  # (n_features,)
        self.explained_variance_ = variances[order]  # (k,)
        total = variances.sum()
        self.explained_variance_ratio_ = (
            self.explained_variance_ / total if total > 0 else np.zeros(k)
        )  # (k,)
        self.n_components_ = k
        return self

    def transform(self, X: Any) -> Array:
        """Coordinates (n_samples, n_components) of ``X`` (n_samples, n_features)."""
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        return (X - self.mean_) @ self.components_.T  # type: ignore[no-any-return]

    def inverse_transform(self, X: Any) -> Array:
        """Back to feature space (n_samples, n_features): exact if no component was dropped."""
        check_is_fitted(self)
        Z = check_array(X, dtype=np.float64)  # (n_samples, n_components)
        if Z.shape[1] != self.n_components_:
            raise InputDataError(
                f"inverse_transform expects {self.n_components_} columns, got {Z.shape[1]}",
                hint="pass the output of transform (one column per component)",
            )
        return Z @ self.components_ + self.mean_  # type: ignore[no-any-return]
