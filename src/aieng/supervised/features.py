"""From a table to model inputs, inside one scikit-learn Pipeline so nothing leaks across folds.

``Pipeline([domain features] → ColumnTransformer(impute + scale | impute + one-hot) → model)``
is fitted on the training part of each fold only: the medians that fill gaps, the means and
standard deviations that scale, the category levels that are encoded — all are learned from the
rows the model trains on and merely *applied* to the rows it is scored on. Computing them once on
the whole table before splitting lets the validation rows shape the training, and the
cross-validated score comes out optimistic.

Columns that cannot help are removed before anything is learned, each with a note saying why:
a constant column, an all-missing one, an identifier (text unique on every row), and the columns
the caller drops (sensitive attributes, leaks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from aieng.supervised.screen import ScreenColumns

# The churn services counted by ChurnFeatures: "Yes" (or True) means subscribed.
SERVICES: tuple[str, ...] = (
    "phone_service",
    "multiple_lines",
    "online_security",
    "online_backup",
    "device_protection",
    "tech_support",
    "streaming_tv",
    "streaming_movies",
)
CHURN_COLUMNS: tuple[str, ...] = ("tenure", "monthly_charges", "total_charges", *SERVICES)
NUMERIC = ["number", "bool"]  # bools become 0/1 numbers


class ChurnFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Telco-churn domain features, added as new columns of a DataFrame.

    * ``charges_per_month`` = total_charges / tenure: what the customer paid on average per
      month so far (0 for the customers not billed yet, tenure 0);
    * ``charge_increase`` = monthly_charges − charges_per_month: a price rise (or new services)
      compared with the past — a classic reason to leave;
    * ``n_services`` = how many of the eight services in ``SERVICES`` the customer has: more
      services, more reasons (and more hassle) to stay.

    Stateless (nothing is learned in ``fit``), so it cannot leak; it lives in the Pipeline so a
    saved model computes the same features on new rows.
    """

    def fit(self, X: pd.DataFrame, y: Any = None) -> ChurnFeatures:
        """Check the columns are there; returns ``self``."""
        missing = [c for c in CHURN_COLUMNS if c not in X.columns]
        if missing:
            raise ValueError(f"ChurnFeatures needs the columns {missing}")
        self.n_features_in_ = X.shape[1]
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)  # as sklearn records them
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """``X`` (n_samples, n_columns) plus the three new columns; ``X`` itself is unchanged."""
        out = X.copy()
        for name, values in churn_features({c: out[c] for c in CHURN_COLUMNS}).items():
            out[name] = values
        return out

    def compiled_columns(self) -> Callable[[Mapping[str, Any]], dict[str, np.ndarray]]:
        """What this step adds, as NumPy on columns: month 10's compiled scorer calls it
        (:mod:`aieng.serve.compiled`) instead of :meth:`transform`'s pandas copy."""
        return churn_features


def churn_features(columns: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The three :class:`ChurnFeatures` columns from the columns of ``CHURN_COLUMNS``.

    Plain NumPy on 1-D columns (Series or arrays), so the same code serves the Pipeline and the
    compiled scorer of month 10 (:mod:`aieng.serve.compiled`).
    """
    tenure = _floats(columns["tenure"])
    paid = np.nan_to_num(_floats(columns["total_charges"]), nan=0.0)  # gap only when tenure == 0
    billed = tenure > 0  # False for NaN too: not billed yet, or unknown
    per_month = np.divide(paid, tenure, out=np.zeros_like(paid), where=billed)
    increase = np.where(billed, _floats(columns["monthly_charges"]) - per_month, 0.0)
    subscribed = [_is_yes(columns[c]) for c in SERVICES]
    return {
        "charges_per_month": per_month,
        "charge_increase": increase,
        "n_services": np.sum(subscribed, axis=0).astype(float),
    }


def _floats(column: Any) -> np.ndarray:
    """A column as float64 with NaN gaps (a Series may hold None or pd.NA; an array, None)."""
    if isinstance(column, pd.Series):
        return np.asarray(column.to_numpy(dtype=float, na_value=np.nan))
    return np.asarray(column).astype(float)


def _is_yes(column: Any) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return np.asarray(np.nan_to_num(_floats(column), nan=0.0) > 0)  # True / 1.0: subscribed
    return np.asarray(np.asarray(column, dtype=object) == "Yes", dtype=bool)  # NaN is not "Yes"


def has_churn_columns(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` has every column :class:`ChurnFeatures` needs."""
    return all(c in frame.columns for c in CHURN_COLUMNS)


def preprocessor() -> ColumnTransformer:
    """Impute and scale the numbers, impute and one-hot encode the rest.

    Columns are picked by dtype *when fitted*, so the domain features added before it are
    included. Scaling matters for the linear models (and our gradient descent); trees ignore it.
    """
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    categorical = Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            # A level first seen in a validation fold becomes all zeros instead of an error.
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
        ]
    )
    return ColumnTransformer(
        [
            ("num", numeric, make_column_selector(dtype_include=NUMERIC)),
            ("cat", categorical, make_column_selector(dtype_exclude=NUMERIC)),
        ],
        sparse_threshold=0.0,  # dense: our from-scratch estimators take NumPy arrays
    )


def build_pipeline(model: Any, *, domain: bool, screen: int = 0) -> Pipeline:
    """``[ScreenColumns →] [ChurnFeatures →] preprocessor → model``, one object to fit and save.

    ``screen``: keep only that many columns, chosen on each fit's training rows (0: keep all);
    the columns the domain features are made from are always kept.
    """
    steps: list[tuple[str, Any]] = [("prep", preprocessor()), ("model", model)]
    if domain:
        steps.insert(0, ("domain", ChurnFeatures()))
    if screen:
        keep = CHURN_COLUMNS if domain else ()
        steps.insert(0, ("screen", ScreenColumns(k=screen, keep=keep)))
    return Pipeline(steps)


def select_features(
    frame: pd.DataFrame, *, target: str, drop: Sequence[str] = ()
) -> tuple[pd.DataFrame, list[str]]:
    """The feature columns of ``frame`` (a copy, categories as text) and a note per column removed.

    Removed: the target, the ``drop`` list, constant and all-missing columns, and text
    identifiers (unique on every row). Category dtypes become plain text so that a level unseen
    in a fold is handled by the encoder, not by pandas; bools and integers become float64.
    """
    notes: list[str] = []
    X = frame.drop(columns=[target])
    asked = [c for c in drop if c in X.columns]
    if asked:
        notes.append(f"Not used as features (as configured): {', '.join(asked)}.")
        X = X.drop(columns=asked)
    useless = []
    for name in X.columns:
        col = X[name]
        present = col.dropna()
        if present.empty:
            notes.append(f"Dropped {name!r}: every value is missing.")
        elif present.nunique() == 1 and not col.isna().any():
            notes.append(f"Dropped {name!r}: the same value ({present.iloc[0]!r}) on every row.")
        elif _is_text(col) and present.nunique() == len(col) and len(col) > 20:
            notes.append(f"Dropped {name!r}: a different text on every row (an identifier).")
        else:
            continue
        useless.append(name)
    X = X.drop(columns=useless)
    # One new frame from all the converted columns: assigning them one by one splits the frame
    # into a block per column, and every later copy or row selection pays for each block (with
    # 10,000 columns, a logistic regression's fit and predict took 3.0 s instead of 1.6 s).
    columns = {name: _model_input(col) for name, col in X.items()}
    return pd.DataFrame(columns, index=X.index), notes


def _model_input(col: pd.Series) -> pd.Series:
    """Text as object dtype with NaN gaps (what SimpleImputer and OneHotEncoder expect); bools
    and nullable integers as float64 with NaN gaps."""
    if _is_text(col):
        return col.astype(object).where(col.notna(), np.nan)
    return col.astype("float64")


def _is_text(col: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col))
