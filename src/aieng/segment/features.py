"""Choose and encode the clustering features: numbers scaled, categories one-hot.

K-Means measures Euclidean distance, so a column's *scale* is its weight: monthly charges in
dollars (spread ≈ 30) would drown a 0/1 flag. Numbers are therefore standardized (mean 0,
standard deviation 1) and categories one-hot encoded (one 0/1 column per level), all in one
scikit-learn ``ColumnTransformer`` so the same recipe can be re-applied and its feature names
read back.

Columns that cannot carry a segment are dropped *with a note*, never with a crash: all-missing
and constant columns (no information), identifier-like text (every row its own level), and
types K-Means cannot use (dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from aieng.errors import DataError

MAX_LEVELS = 30  # more distinct text values than this reads as ids or free text, not a category
MISSING_LEVEL = (
    "(missing)"  # a gap in a category is kept as a level of its own: it can mean something
)


@dataclass(frozen=True)
class FeatureMatrix:
    """The encoded clustering input and how it was built."""

    X: np.ndarray  # (n_samples, n_features) scaled numbers and 0/1 one-hot columns
    names: tuple[str, ...]  # (n_features,) e.g. "tenure", "contract=Two year"
    numeric: tuple[str, ...]  # source columns standardized
    categorical: tuple[str, ...]  # source columns one-hot encoded (booleans included)
    dropped: dict[str, str]  # source column -> why it is not a feature
    imputed: dict[str, int]  # numeric column -> number of gaps filled with its median
    duplicates: dict[str, str] = field(default_factory=dict)  # encoded name -> identical kept


def column_kinds(
    frame: pd.DataFrame, columns: Sequence[str]
) -> tuple[list[str], list[str], dict[str, str]]:
    """Split ``columns`` into numeric and categorical; return the rest with the reason."""
    numeric: list[str] = []
    categorical: list[str] = []
    dropped: dict[str, str] = {}
    for name in columns:
        series = frame[name]
        present = series.dropna()
        if present.empty:
            dropped[name] = "all values missing"
        elif present.nunique() < 2:
            dropped[name] = f"constant (every value is {present.iloc[0]!r})"
        elif ptypes.is_bool_dtype(series.dtype):
            categorical.append(name)
        elif ptypes.is_numeric_dtype(series.dtype):
            numeric.append(name)
        elif isinstance(series.dtype, pd.CategoricalDtype) or ptypes.is_string_dtype(series.dtype):
            levels = present.nunique()
            if levels > MAX_LEVELS:
                dropped[name] = f"{levels:,} distinct text values (an id or free text)"
            else:
                categorical.append(name)
        else:
            dropped[name] = f"type {series.dtype} cannot be clustered"
    return numeric, categorical, dropped


def encode(frame: pd.DataFrame, columns: Sequence[str]) -> FeatureMatrix:
    """Scale the numeric ``columns`` and one-hot encode the categorical ones of ``frame``.

    ``frame`` is not modified. Raises :class:`DataError` when no column is usable.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric, categorical, dropped = column_kinds(frame, columns)
    if not numeric and not categorical:
        detail = "; ".join(f"{c}: {why}" for c, why in dropped.items()) or "no columns"
        raise DataError(
            f"no usable numeric or categorical features to cluster ({detail})",
            hint="give a table with numeric or categorical columns that vary between rows.",
        )
    data = pd.DataFrame(index=frame.index)
    for name in numeric:  # ±inf (a division by zero upstream) is a gap, not a huge number
        data[name] = frame[name].astype("float64").replace([np.inf, -np.inf], np.nan)
    for name in categorical:  # plain text levels; a gap becomes a level of its own
        data[name] = frame[name].astype(object).where(frame[name].notna(), MISSING_LEVEL)
        data[name] = data[name].map(str)
    transformer = ColumnTransformer(
        [
            # Median, not mean: robust to the long tails money columns have.
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            # drop="if_binary": a yes/no column becomes one 0/1 column, not two mirror images.
            ("cat", OneHotEncoder(drop="if_binary", sparse_output=False), categorical),
        ],
        verbose_feature_names_out=False,
    )
    X = np.asarray(transformer.fit_transform(data), dtype=np.float64)  # (n_samples, n_features)
    names = _readable_names(transformer, numeric, categorical)
    X, names, duplicates = _drop_duplicate_columns(X, names)
    imputed = {c: int(data[c].isna().sum()) for c in numeric if data[c].isna().any()}
    return FeatureMatrix(
        X=X,
        names=tuple(names),
        numeric=tuple(numeric),
        categorical=tuple(categorical),
        dropped=dropped,
        imputed=imputed,
        duplicates=duplicates,
    )


def _readable_names(transformer: object, numeric: list[str], categorical: list[str]) -> list[str]:
    """``contract=Two year`` rather than sklearn's ``contract_Two year`` (names may hold ``_``)."""
    names = list(numeric)
    if categorical:
        encoder = transformer.named_transformers_["cat"]  # type: ignore[attr-defined]
        for column, levels, drop in zip(
            categorical, encoder.categories_, encoder.drop_idx_, strict=True
        ):
            kept = [lv for i, lv in enumerate(levels) if drop is None or i != drop]
            names.extend(f"{column}={level}" for level in kept)
    return names


def _drop_duplicate_columns(
    X: np.ndarray, names: list[str]
) -> tuple[np.ndarray, list[str], dict[str, str]]:
    """Keep one of each set of identical encoded columns.

    Survey-style tables repeat one fact in many columns (Telco's six add-ons all say
    "No internet service" for the same customers). Each copy would add the same distance
    again, so that one fact would outweigh everything else in K-Means.
    """
    _, first, inverse = np.unique(X.T, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)  # (n_features,) which unique column each one is
    keep = np.sort(first)  # (n_kept,) column positions, in their original order
    duplicates = {
        names[j]: names[first[inverse[j]]] for j in range(len(names)) if first[inverse[j]] != j
    }
    return X[:, keep], [names[j] for j in keep], duplicates
