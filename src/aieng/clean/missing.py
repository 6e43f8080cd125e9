"""Missing values: fill them by a rule per column kind, or drop their rows, and say so.

Numbers get the median by default (one huge value moves the mean, not the median); categories
and yes/no columns the most frequent value; free text and dates are left missing, because an
invented name or day is worse than an honest gap. Every filled cell is flagged, and with
``indicator`` a ``<column>__was_missing`` column keeps the fact in the data for a model to use.
A column missing more than ``max_share`` of its values is left alone: filling it would invent
most of it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aieng.clean.changelog import Change, count, flag_frame
from aieng.clean.config import MissingValuesStep

NUMERIC_KINDS = ("integer", "number")


def rule_for(kind: str, step: MissingValuesStep) -> str:
    """The configured rule for a column of ``kind``."""
    if kind in NUMERIC_KINDS:
        return step.numeric
    return {"boolean": step.boolean, "date": step.date, "category": step.category}.get(
        kind, step.text
    )


def fill_missing(
    series: pd.Series, kind: str, step: MissingValuesStep
) -> tuple[pd.Series, Change | None, pd.DataFrame | None, np.ndarray | None]:
    """Fill one column; return it, its change, its flags, and the rows to drop (rule "drop")."""
    gaps = series.isna().to_numpy()
    n = int(gaps.sum())
    col = str(series.name)
    if not n:
        return series, None, None, None
    if n == len(series):
        note = "every value is missing: left as is (drop the column if it carries nothing)"
        return series, Change("missing_values", col, 0, note), None, None
    rule = rule_for(kind, step)
    share = n / len(series)
    if rule == "none":
        note = f"{count(n, 'missing value')} ({share:.1%}) left missing (rule for {kind}: none)"
        return series, Change("missing_values", col, 0, note), None, None
    if share > step.max_share:
        note = (
            f"{count(n, 'value')} missing ({share:.1%} > max_share {step.max_share:.0%}): "
            "left missing, since filling would invent most of the column"
        )
        return series, Change("missing_values", col, 0, note), None, None
    if rule == "drop":
        note = f"{count(n, 'row')} missing {col!r} dropped (rule: drop)"
        return series, Change("missing_values", col, n, note), None, gaps
    value = _fill_value(series, kind, rule, step)
    filled = series.fillna(value)
    shown = f"{value:,.6g}" if isinstance(value, float) else repr(value)
    note = f"{count(n, 'missing value')} ({share:.1%}) filled with the {rule} {shown}"
    if step.indicator:
        note += f"; {col}__was_missing marks them"
    change = Change("missing_values", col, n, note, (("<missing>", str(value)),))
    flags = flag_frame(
        series.index[gaps], col, "missing_values", f"was missing; filled with {shown}"
    )
    return filled, change, flags, None


def _fill_value(
    series: pd.Series, kind: str, rule: str, step: MissingValuesStep
) -> float | int | bool | str:
    present = series.dropna()
    value: Any
    if rule == "constant":
        return step.constant_number if kind in NUMERIC_KINDS else step.constant
    if rule == "mode":
        # Ties go to the smallest value, so a rerun gives the same answer.
        value = present.mode().sort_values().iloc[0]
    elif rule == "mean":
        value = float(present.astype("float64").mean())
    else:
        value = float(present.astype("float64").median())
    if kind == "integer":
        return round(float(value))
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return bool(value)
    return str(value)
