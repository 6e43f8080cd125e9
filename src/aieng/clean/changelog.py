"""The change log: one entry per thing a cleaning step did, and the table of flagged cells.

Every step reports what it changed as :class:`Change` entries — which step, which column, how
many rows, a few ``before → after`` examples and *why* in plain words — so a user can check
every decision. Cells that a step did not change but wants a person to look at (an outlier, a
value that was missing and got filled, a suspicious rare spelling) go to the *flags* table:
one row per cell, with the input row number, the column, the step and the reason.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

MAX_EXAMPLES = 5  # before → after pairs kept per change: enough to see the pattern
FLAG_COLUMNS = ("row", "column", "step", "reason")


@dataclass(frozen=True)
class Change:
    """One decision of one step: ``rows`` rows of ``column`` changed (0: a note only)."""

    step: str  # "names", "trim", "missing_tokens", "types", "categories", ...
    column: str | None  # None for whole-table changes (duplicate rows)
    rows: int  # rows touched
    note: str  # what was done and why, in plain words
    examples: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (before, after)

    def to_json(self) -> dict[str, Any]:
        """The JSON form: examples as ``{"before": …, "after": …}`` objects."""
        data = asdict(self)
        data["examples"] = [{"before": b, "after": a} for b, a in self.examples]
        return data


def count(n: int, noun: str, plural: str = "") -> str:
    """``count(1, "cell")`` → ``"1 cell"``, ``count(2, "cell")`` → ``"2 cells"``."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {plural or noun + 's'}"


def show(value: object) -> str:
    """A cell as the change log shows it: missing as ``<missing>``, text quoted when padded."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "<missing>"
    text = str(value)
    return repr(text) if text != text.strip() or text == "" else text


def examples(
    before: pd.Series, after: pd.Series, changed: pd.Series | np.ndarray
) -> tuple[tuple[str, str], ...]:
    """Up to :data:`MAX_EXAMPLES` distinct ``(before, after)`` pairs among the changed rows."""
    mask = np.asarray(changed, dtype=bool)
    pairs: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    # Look at a bounded number of rows: a million changed rows need only a few examples.
    for b, a in zip(before[mask].iloc[:500], after[mask].iloc[:500], strict=True):
        pair = (show(b), show(a))
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
            if len(pairs) == MAX_EXAMPLES:
                break
    return tuple(pairs)


def flag_frame(
    rows: np.ndarray | pd.Index, column: str, step: str, reason: str | list[str]
) -> pd.DataFrame:
    """Flags for ``rows`` (input row numbers) of ``column``, all with ``reason`` (or one each)."""
    index = np.asarray(rows, dtype=np.int64)
    return pd.DataFrame(
        {
            "row": index,
            "column": column,
            "step": step,
            "reason": reason if isinstance(reason, list) else [reason] * len(index),
        }
    )


def empty_flags() -> pd.DataFrame:
    """A flags table with no rows (and the right columns)."""
    return pd.DataFrame(
        {"row": np.array([], dtype=np.int64), "column": [], "step": [], "reason": []}
    )


def to_json(changes: list[Change], *, summary: dict[str, Any]) -> str:
    """The whole change log as a JSON document: a summary, then every change in order."""
    document = {"summary": summary, "changes": [c.to_json() for c in changes]}
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
