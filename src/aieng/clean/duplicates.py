"""Duplicate rows: exact copies, or rows that share a key (``customer_id``, ``order_id``…).

Run after types and categories are repaired, so ``"Yes"``/``"yes "`` and ``"1,000"``/``"1000"``
no longer hide a copy. Missing values count as equal to each other, like pandas does.
"""

from __future__ import annotations

import pandas as pd

from aieng.clean.changelog import Change, count
from aieng.clean.config import DuplicatesStep
from aieng.errors import DataError


def drop_duplicates(
    frame: pd.DataFrame, step: DuplicatesStep, renamed: dict[str, str]
) -> tuple[pd.DataFrame, Change | None]:
    """Drop duplicate rows (keeping ``step.keep``); ``renamed`` maps input names to current ones."""
    keys = [_column(k, frame, renamed) for k in step.keys]
    subset = keys or None
    dupes = frame.duplicated(subset=subset, keep=step.keep)
    n = int(dupes.sum())
    if not n:
        return frame, None
    kept = frame[~dupes]
    what = f"the same {', '.join(keys)}" if keys else "identical values in every column"
    first = frame.duplicated(subset=subset, keep=False) & ~dupes
    note = (
        f"dropped {count(n, 'row')} with {what} as an earlier row (keep={step.keep!r}); "
        f"{count(int(first.sum()), 'row')} had copies"
    )
    dropped = frame.index[dupes.to_numpy()][:5]
    examples = tuple((f"row {int(i)}", "dropped (duplicate)") for i in dropped)
    return kept, Change("duplicates", ", ".join(keys) or None, n, note, examples)


def _column(name: str, frame: pd.DataFrame, renamed: dict[str, str]) -> str:
    if name in frame.columns:
        return name
    if name in renamed:
        return renamed[name]
    raise DataError(
        f"the duplicate key column {name!r} does not exist",
        hint=f"use one of the columns: {', '.join(map(str, frame.columns))} "
        "(names after cleaning, or as in the input file).",
    )
