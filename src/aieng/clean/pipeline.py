"""``clean(frame, config) -> CleanResult``: every step in order, as a pure function (no I/O).

Order matters and is fixed: names → trim → missing tokens → types → categories → duplicates →
outliers → missing values. Text is tidied before types are guessed (``" 1,000 "`` must parse),
types and spellings are repaired before duplicates are looked for (so a copy cannot hide behind
``"Yes"``/``"yes"``), and outliers are handled before gaps are filled (a clipped or dropped value
must not shift the median that fills them).

The result keeps the input's row numbers as its index (0-based data rows, header excluded), so
every flag and every dropped row can be traced back to the input file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from aieng.clean import categories, duplicates, missing, outliers, text, types
from aieng.clean.changelog import Change, empty_flags, show
from aieng.clean.config import CleanConfig
from aieng.errors import DataError

WAS_MISSING = "__was_missing"  # suffix of the indicator column added by the missing-values step


@dataclass(frozen=True)
class CleanResult:
    """The cleaned table, what changed (in order), the flagged cells and each column's kind."""

    frame: pd.DataFrame  # index: the input row number of each kept row
    changes: tuple[Change, ...]
    flags: pd.DataFrame  # one row per flagged cell: row, column, step, reason
    kinds: Mapping[str, str]  # column -> integer / number / boolean / date / category / text
    renamed: Mapping[str, str]  # input column name -> output column name
    rows_in: int

    def summary(self) -> dict[str, Any]:
        """Counts for the change log's head and the report's cards."""
        per_step = Counter(c.step for c in self.changes)
        rows_per_step: Counter[str] = Counter()
        for c in self.changes:
            rows_per_step[c.step] += c.rows
        return {
            "rows_in": self.rows_in,
            "rows_out": len(self.frame),
            "columns_out": len(self.frame.columns),
            "changes": len(self.changes),
            "cells_changed_by_step": dict(rows_per_step),
            "entries_by_step": dict(per_step),
            "flagged_cells": len(self.flags),
        }


def clean(frame: pd.DataFrame, config: CleanConfig | None = None) -> CleanResult:
    """Clean a copy of ``frame`` (never modified) with ``config`` (default: the defaults)."""
    config = config or CleanConfig()
    if len(frame.columns) == 0:
        raise DataError("the table has no columns", hint="give a file with a header line.")
    if len(frame) == 0:
        raise DataError(
            f"the table has a header ({len(frame.columns)} columns) but no rows",
            hint="give a file with at least one data row.",
        )
    df = frame.reset_index(drop=True)  # a new frame: the caller's stays untouched
    changes: list[Change] = []
    flags: list[pd.DataFrame] = []

    renamed = {str(c): str(c) for c in df.columns}
    if config.names.enabled:
        mapping, logged = text.normalize_names(list(df.columns))
        df.columns = [mapping[c] for c in df.columns]
        renamed = {str(k): v for k, v in mapping.items()}
        changes += logged
    elif df.columns.duplicated().any():
        raise DataError(
            f"duplicated column names {sorted(set(df.columns[df.columns.duplicated()]))}",
            hint="enable [names] in the config, or rename the columns in the file.",
        )

    kinds: dict[str, str] = {}
    columns: dict[str, pd.Series] = {}
    for name in df.columns:
        series = df[name]
        if text.is_text(series):
            series, kind = _clean_text(text.as_text(series), config, changes, flags)
        else:
            kind = _kind_of(series)
        columns[name] = series
        kinds[name] = kind
        if series.nunique(dropna=True) == 1:
            value = show(series.dropna().iloc[0])
            note = (
                f"constant column: every present value is {value}; kept as is "
                "(it carries no information for a model: drop it there)"
            )
            changes.append(Change("profile", name, 0, note))
    df = pd.DataFrame(columns, index=df.index)

    if config.duplicates.enabled:
        df, change = duplicates.drop_duplicates(df, config.duplicates, renamed)
        changes += [change] if change else []

    drop = np.zeros(len(df), dtype=bool)
    if config.outliers.enabled:
        for name, kind in kinds.items():
            if kind in missing.NUMERIC_KINDS:
                new, change, flagged, rows = outliers.handle_outliers(df[name], config.outliers)
                df[name] = new
                _collect(change, flagged, changes, flags)
                if rows is not None:
                    drop |= rows
    df = df[~drop]

    if config.missing_values.enabled:
        drop = np.zeros(len(df), dtype=bool)
        indicators: dict[str, pd.Series] = {}
        for name, kind in kinds.items():
            gaps = df[name].isna()
            new, change, flagged, rows = missing.fill_missing(df[name], kind, config.missing_values)
            df[name] = new
            _collect(change, flagged, changes, flags)
            if rows is not None:
                drop |= rows
            elif flagged is not None and config.missing_values.indicator:
                indicators[name] = gaps.rename(name + WAS_MISSING)
        df = _with_indicators(df, indicators)[~drop]
        kinds.update({name + WAS_MISSING: "boolean" for name in indicators})

    table = pd.concat(flags, ignore_index=True) if flags else empty_flags()
    return CleanResult(df, tuple(changes), table, kinds, renamed, len(frame))


def _clean_text(
    series: pd.Series, config: CleanConfig, changes: list[Change], flags: list[pd.DataFrame]
) -> tuple[pd.Series, str]:
    name = str(series.name)
    if config.trim.enabled or config.missing_tokens.enabled:
        column = text.Distinct.of(series)
        if config.trim.enabled:
            column, change = text.trim(column, name, collapse_inner=config.trim.collapse_inner)
            changes += [change] if change else []
        if config.missing_tokens.enabled:
            column, change = text.missing_tokens(column, name, config.missing_tokens.tokens)
            changes += [change] if change else []
        series = column.series(series.index, series.name)
    kind = "text"
    if config.types.enabled:
        repaired = types.repair(series, config.types)
        series, kind = repaired.series, repaired.kind
        _collect(repaired.change, repaired.flags, changes, flags)
    if kind == "text" and series.nunique() <= config.categories.max_levels:
        kind = "category"
        if config.categories.enabled:
            series, logged, flagged = categories.canonicalize(series, config.categories)
            changes += logged
            _collect(None, flagged, changes, flags)
    return series, kind


def _kind_of(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    return "text"


def _collect(
    change: Change | None,
    flagged: pd.DataFrame | None,
    changes: list[Change],
    flags: list[pd.DataFrame],
) -> None:
    if change is not None:
        changes.append(change)
    if flagged is not None and len(flagged):
        flags.append(flagged)


def _with_indicators(df: pd.DataFrame, indicators: dict[str, pd.Series]) -> pd.DataFrame:
    """Each ``<column>__was_missing`` right after its column."""
    if not indicators:
        return df
    parts: dict[str, pd.Series] = {}
    for name in df.columns:
        parts[name] = df[name]
        if name in indicators:
            parts[name + WAS_MISSING] = indicators[name]
    return pd.DataFrame(parts, index=df.index)
