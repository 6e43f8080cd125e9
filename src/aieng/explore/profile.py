"""The overview and per-column statistics of a table: pure functions of a DataFrame.

A user's CSV carries no types, so each column gets a *kind* inferred from its values:

- ``numeric``: numbers with more than two distinct values (or text that parses as numbers);
- ``boolean``: ``bool`` dtype, or exactly two distinct numbers 0/1;
- ``categorical``: a category dtype, or text with few distinct values;
- ``text``: text with many distinct values (free text, ids): described, but left out of
  correlations, because every value is its own category and any association would be noise;
- ``datetime``: dates and times (described only);
- ``constant`` and ``empty``: one value, or none at all. They are *findings*, not crashes: a
  correlation with a constant is undefined (0/0), so they are left out of correlations too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from pandas.api import types as ptypes
from scipy import stats

Kind = Literal["numeric", "boolean", "categorical", "text", "datetime", "constant", "empty"]
ANALYSABLE: frozenset[str] = frozenset({"numeric", "boolean", "categorical"})
MAX_CATEGORY_LEVELS = 50  # more distinct strings than this (and >5 % of rows) reads as ids/text
TOP_VALUES = 5  # most frequent values kept per column


@dataclass(frozen=True)
class NumericStats:
    """Location, spread and shape of a numeric column (missing values left out)."""

    mean: float
    std: float  # sample standard deviation (ddof=1)
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    skew: float  # adjusted Fisher-Pearson (pandas' ``skew``): > 0 means a long right tail
    kurtosis: float  # excess kurtosis: 0 for a normal distribution
    n_outliers: int  # values beyond 1.5 IQR outside the quartiles (Tukey's fences)
    low_fence: float
    high_fence: float


@dataclass(frozen=True)
class ColumnProfile:
    """What one column holds: its kind, gaps, distinct values and most frequent values."""

    name: str
    dtype: str  # the pandas dtype as read
    kind: Kind
    n_missing: int
    n_distinct: int  # distinct non-missing values
    top_values: tuple[tuple[str, int], ...]  # (value, count), most frequent first
    numeric: NumericStats | None = None  # for kind == "numeric" only

    @property
    def analysable(self) -> bool:
        """Whether the column takes part in correlations, target and bias analysis."""
        return self.kind in ANALYSABLE


@dataclass(frozen=True)
class Overview:
    """The whole table at a glance."""

    n_rows: int
    n_columns: int
    memory_bytes: int  # deep: counts the strings themselves, not just pointers
    n_missing_cells: int
    n_duplicate_rows: int  # rows identical to an earlier row
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> number of columns

    @property
    def missing_share(self) -> float:
        cells = self.n_rows * self.n_columns
        return self.n_missing_cells / cells if cells else 0.0


def infer_kind(series: pd.Series) -> Kind:
    """The kind of one column, from its dtype and its values (see the module docstring)."""
    present = series.dropna()
    if present.empty:
        return "empty"
    n_distinct = int(present.nunique())
    if n_distinct == 1:
        return "constant"
    dtype = series.dtype
    if ptypes.is_bool_dtype(dtype):
        return "boolean"
    if isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    if (
        ptypes.is_datetime64_any_dtype(dtype)
        or ptypes.is_timedelta64_dtype(dtype)
        or isinstance(dtype, pd.PeriodDtype)
    ):
        return "datetime"
    if ptypes.is_numeric_dtype(dtype):
        return "boolean" if set(present.unique().tolist()) <= {0, 1} else "numeric"
    numbers = pd.to_numeric(present, errors="coerce")
    if numbers.notna().all():  # text that is really numbers, e.g. a CSV read as strings
        return "boolean" if set(numbers.unique().tolist()) <= {0, 1} else "numeric"
    if _looks_like_dates(present):  # a CSV has no date type: ISO 8601 text is a date column
        return "datetime"
    if n_distinct > MAX_CATEGORY_LEVELS and n_distinct > 0.05 * len(present):
        return "text"
    return "categorical"


def _looks_like_dates(present: pd.Series, sample: int = 50) -> bool:
    """Whether the first ``sample`` values all parse as ISO 8601 dates or times."""
    head = present.iloc[:sample].astype(str)
    return bool(pd.to_datetime(head, errors="coerce", format="ISO8601").notna().all())


def as_numbers(series: pd.Series) -> pd.Series:
    """A numeric or boolean column as float64, missing values as NaN."""
    if ptypes.is_bool_dtype(series.dtype) or ptypes.is_numeric_dtype(series.dtype):
        return series.astype("Float64").astype("float64")
    return pd.to_numeric(series.astype(object), errors="coerce").astype("float64")


def as_labels(series: pd.Series) -> pd.Series:
    """Every value as text (``True`` -> ``'True'``, ``2`` -> ``'2'``), missing values as NaN."""
    return series.astype(str).astype(object).where(series.notna())


def numeric_stats(values: pd.Series) -> NumericStats:
    """Statistics of a numeric column; ``values`` may hold NaN (they are dropped)."""
    x = as_numbers(values).dropna()
    q1, median, q3 = (float(v) for v in np.quantile(x.to_numpy(), [0.25, 0.5, 0.75]))
    iqr = q3 - q1
    low, high = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    arr = x.to_numpy()  # (n_present,)
    # bias=False: the adjusted estimators pandas' skew()/kurt() and most textbooks report.
    skew = float(stats.skew(arr, bias=False)) if len(arr) > 2 else float("nan")
    kurt = float(stats.kurtosis(arr, bias=False)) if len(arr) > 3 else float("nan")
    return NumericStats(
        mean=float(x.mean()),
        std=float(x.std()),
        minimum=float(x.min()),
        q1=q1,
        median=median,
        q3=q3,
        maximum=float(x.max()),
        skew=skew,
        kurtosis=kurt,
        n_outliers=int(((x < low) | (x > high)).sum()),
        low_fence=low,
        high_fence=high,
    )


def profile_column(series: pd.Series) -> ColumnProfile:
    """Profile one column (its name is ``series.name``)."""
    kind = infer_kind(series)
    counts = series.value_counts(dropna=True)
    top = tuple((str(value), int(n)) for value, n in counts.iloc[:TOP_VALUES].items())
    return ColumnProfile(
        name=str(series.name),
        dtype=str(series.dtype),
        kind=kind,
        n_missing=int(series.isna().sum()),
        n_distinct=len(counts),
        top_values=top,
        numeric=numeric_stats(series) if kind == "numeric" else None,
    )


def profile_columns(frame: pd.DataFrame) -> dict[str, ColumnProfile]:
    """Every column's profile, in the frame's column order."""
    return {str(name): profile_column(frame[name]) for name in frame.columns}


def overview(frame: pd.DataFrame, columns: dict[str, ColumnProfile]) -> Overview:
    """Rows, columns, memory, missing cells, duplicated rows and the count of each kind."""
    kinds: dict[str, int] = {}
    for col in columns.values():
        kinds[col.kind] = kinds.get(col.kind, 0) + 1
    # duplicated() hashes every row; unhashable cells (lists from JSON) would raise, so use text.
    try:
        dupes = int(frame.duplicated().sum())
    except TypeError:
        dupes = int(frame.astype(str).duplicated().sum())
    return Overview(
        n_rows=len(frame),
        n_columns=frame.shape[1],
        memory_bytes=int(frame.memory_usage(deep=True).sum()),
        n_missing_cells=int(frame.isna().to_numpy().sum()),
        n_duplicate_rows=dupes,
        kinds=kinds,
    )


def codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes of a categorical/boolean column (-1 for missing) and the level names."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cat = series.cat.remove_unused_categories()
        return cat.cat.codes.to_numpy(dtype=np.int64), [str(c) for c in cat.cat.categories]
    values, levels = pd.factorize(series, sort=True, use_na_sentinel=True)
    return np.asarray(values, dtype=np.int64), [str(v) for v in levels]
