"""A wide table's columns screened down to the few that best predict the target on their own.

With 10,000 columns every step of a comparison slows down, and permutation importance (one
shuffle and one prediction per column, each prediction reading every column) grows with the
*square* of the column count. :class:`ScreenColumns` keeps the ``k`` columns with the highest
*adjusted R²* of predicting the target from each column alone:

- a number: a straight line, so R² = r² (Pearson's r with the 0/1 or numeric target);
- a category: the mean target of each level, so R² = η² (month 2's correlation ratio, squared).

Adjusting charges each column for what it spends, ``1 − (1 − R²)(n − 1)/(n − p − 1)`` with p = 1
for a number and p = levels − 1 for a category; a 40-level column must explain more than a number
to rank above it, and it cannot win by fitting noise with one level per few rows.

The screen is a Pipeline step, so it is **fitted inside every fold, on that fold's training rows
only**. Choosing the columns once on all rows is the classic mistake with wide data: among 10,000
random columns and 60 rows, some correlate with the target by chance, and a model cross-validated
on them scores well on noise (Ambroise & McLachlan, PNAS 2002).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin


class ScreenColumns(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Keep the ``k`` columns of a DataFrame that predict ``y`` best on their own (see above).

    ``keep``: columns kept whatever their score (the ones domain features are made from).
    Fitted attributes: ``scores_`` (adjusted R² per column) and ``columns_`` (the ones kept, in
    the table's order).
    """

    def __init__(self, k: int = 100, keep: Sequence[str] = ()) -> None:
        self.k = k
        self.keep = keep

    def fit(self, X: pd.DataFrame, y: Any) -> ScreenColumns:
        """Score every column of ``X`` (n_samples, n_columns) against ``y``; returns ``self``."""
        self.scores_ = screen_scores(X, np.asarray(y, dtype=float))
        forced = [c for c in self.keep if c in X.columns]
        # A stable sort: equal scores keep the table's order, so the choice is reproducible.
        ranked = self.scores_.drop(forced).sort_values(ascending=False, kind="stable")
        chosen = set(forced) | set(ranked.index[: max(0, self.k - len(forced))])
        self.columns_ = [c for c in X.columns if c in chosen]
        self.n_features_in_ = X.shape[1]
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)  # as sklearn records them
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """The kept columns of ``X``, by name (so any frame that has them will do)."""
        return X[self.columns_]

    def compiled_columns(self) -> Callable[[Mapping[str, Any]], dict[str, np.ndarray]]:
        """Nothing to add, as NumPy (:mod:`aieng.serve.compiled`): the step after it picks the
        kept columns by name, so dropping the others changes no number."""
        return _adds_nothing


def _adds_nothing(columns: Mapping[str, Any]) -> dict[str, np.ndarray]:
    return {}


def screen_scores(X: pd.DataFrame, y: np.ndarray) -> pd.Series:
    """Adjusted R² of predicting ``y`` (n_samples,) from each column of ``X`` alone.

    Gaps: a number's are filled with its median (as the Pipeline's imputer does), a category's
    are a level of their own. A column that cannot be scored (constant here) gets -inf: last.
    It runs on every fit of every model, so the numbers are scored all at once (≈ 0.05 s for
    10,000 columns of 48 rows), never column by column.
    """
    n = len(y)
    number = X.columns.isin(X.select_dtypes(include=["number", "bool"]).columns)  # (n_columns,)
    scores = np.full(X.shape[1], -np.inf)  # (n_columns,)
    if number.any():
        values = X.loc[:, number].to_numpy(dtype=float, na_value=np.nan)  # (n, n_numbers)
        if np.isnan(values).any():
            with warnings.catch_warnings():  # a column with no value in this fold stays NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                values = np.where(np.isnan(values), np.nanmedian(values, axis=0), values)
        scores[number] = _adjusted(_r_squared(values, y), n, np.ones(values.shape[1]))
    for j, (_, col) in zip(np.flatnonzero(~number), X.loc[:, ~number].items(), strict=True):
        codes, levels = pd.factorize(col.astype(object).fillna("(missing)"))
        eta2 = np.array([_eta_squared(codes, y)])
        scores[j] = _adjusted(eta2, n, np.array([len(levels) - 1]))[0]
    return pd.Series(scores, index=X.columns)


def _r_squared(values: np.ndarray, y: np.ndarray) -> np.ndarray:
    """r² of ``y`` with each column of ``values`` (n, m), all columns at once; NaN if constant."""
    xc = values - values.mean(axis=0)
    yc = y - y.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (xc.T @ yc) / np.sqrt((xc**2).sum(axis=0) * (yc**2).sum())
    return np.asarray(r**2)


def _eta_squared(codes: np.ndarray, y: np.ndarray) -> float:
    """Share of ``y``'s variance explained by the mean of each level (codes 0..L-1)."""
    total = float(((y - y.mean()) ** 2).sum())
    if total == 0:
        return float("nan")
    sums, counts = np.bincount(codes, weights=y), np.bincount(codes)
    return float((counts * (sums / counts - y.mean()) ** 2).sum() / total)


def _adjusted(r2: np.ndarray, n: int, params: np.ndarray) -> np.ndarray:
    """1 − (1 − R²)(n − 1)/(n − p − 1); -inf where R² is undefined or p leaves no residual."""
    residual = n - params - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        adjusted = 1 - (1 - r2) * (n - 1) / residual
    return np.where(np.isnan(r2) | (residual <= 0) | (params < 1), -np.inf, adjusted)
