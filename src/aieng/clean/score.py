"""How well a cleaning result restores a corrupted table: the two figures of the measured bar.

A *unit of corruption* is a corrupted cell of an original row, or an injected duplicate row.

* A corrupted cell is **handled** when, in the kept row of its truth row, the cleaned value
  equals the true one (see :func:`same`) or the cell is flagged in ``result.flags`` (an outlier,
  a filled gap, a value that did not parse, a suspicious spelling). Only flags that were really
  emitted count.
* An injected duplicate row is **handled** when it was dropped (per group: all but one row of a
  truth row's copies gone).
* A clean cell is **wrongly altered** when its cleaned value differs from the truth, unless the
  true value was itself missing and the filled cell is flagged (a gap filled in the open), and
  when its row was dropped without a copy of it surviving (e.g. a genuine duplicate in the data).

``restore_rate = handled / units`` and ``false_alteration_rate = altered / clean cells``.

Values are compared after normalising types: missing equals missing; if the cleaned column is
boolean, ``yes/no/true/false/y/n/1/0`` on the truth side are booleans; if it is numeric, both
sides are floats compared with a relative tolerance of 1e-6; otherwise both are text compared
exactly (so a category must come back in the truth's own spelling — case included — which is why
canonicalization keeps the most frequent spelling), with a numeric comparison as a fallback for
codes kept as text. Dates compare as ISO 8601 text. Columns are matched by their snake_case name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aieng.clean.corrupt import Corrupted
from aieng.clean.pipeline import CleanResult
from aieng.clean.text import normalize_name
from aieng.clean.types import FALSE_TOKENS, TRUE_TOKENS

RTOL = 1e-6  # relative tolerance for numbers: a CSV round trip keeps ~15 significant digits


@dataclass(frozen=True)
class Score:
    """The measured-bar figures, with the counts behind them."""

    units: int  # corrupted cells + injected duplicate rows
    restored: int  # units back to the true value (duplicates: dropped)
    flagged: int  # units not restored but flagged
    clean_cells: int  # cells that were not corrupted
    altered: int  # clean cells wrongly changed (or lost with a dropped row)
    flagged_clean: int  # clean cells left right but flagged (noise for a reviewer)
    altered_by_drop: int = 0  # of ``altered``: cells lost because their whole row was dropped
    # fault kind -> (restored, flagged, total)
    by_kind: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def restore_rate(self) -> float:
        """Share of corruption units restored or flagged."""
        return (self.restored + self.flagged) / self.units if self.units else 1.0

    @property
    def exact_rate(self) -> float:
        """Share of corruption units put back to the exact true value (flags not counted)."""
        return self.restored / self.units if self.units else 1.0

    @property
    def false_alteration_rate(self) -> float:
        """Share of clean cells changed wrongly."""
        return self.altered / self.clean_cells if self.clean_cells else 0.0


def same(truth: pd.Series, cleaned: pd.Series) -> np.ndarray:
    """Elementwise: does the cleaned value equal the true one (module docstring rules)?"""
    t_na = truth.isna().to_numpy()
    c_na = cleaned.isna().to_numpy()
    if pd.api.types.is_bool_dtype(cleaned.dtype):
        t = _as_bool(truth)
        c = cleaned.astype("boolean")
        eq = (t.reset_index(drop=True) == c.reset_index(drop=True)).fillna(False).to_numpy(bool)
    elif pd.api.types.is_numeric_dtype(cleaned.dtype):
        t_num = _as_float(truth)
        c_num = cleaned.astype("float64").to_numpy()
        eq = np.isclose(t_num, c_num, rtol=RTOL, atol=1e-12)
    else:
        t_txt = truth.astype("str").to_numpy(dtype=object)
        c_txt = cleaned.astype("str").to_numpy(dtype=object)
        eq = t_txt == c_txt
        as_num = np.isclose(_as_float(truth), _as_float(cleaned), rtol=RTOL, atol=1e-12)
        eq = eq | as_num
    return np.where(t_na | c_na, t_na & c_na, eq)


def score(corrupted: Corrupted, result: CleanResult) -> Score:
    """Compare ``result`` (of cleaning ``corrupted.dirty``) with ``corrupted.truth``."""
    truth = corrupted.truth
    kept = np.zeros(len(corrupted.dirty), dtype=bool)
    kept[result.frame.index.to_numpy()] = True
    source = corrupted.source_row
    # One representative kept row per truth row: the first kept row that came from it.
    reps = pd.Series(np.flatnonzero(kept)).groupby(source[kept]).first()
    n_truth = len(truth)
    has_rep = np.zeros(n_truth, dtype=bool)
    has_rep[reps.index.to_numpy()] = True

    group_rows = np.bincount(source, minlength=n_truth)
    group_kept = np.bincount(source[kept], minlength=n_truth)
    copies = np.bincount(source[corrupted.duplicate], minlength=n_truth)
    dup_handled = int(np.minimum(copies, group_rows - np.maximum(group_kept, 1)).clip(0).sum())
    dup_total = int(copies.sum())

    flagged_cells = set(zip(result.flags["row"].to_numpy(), result.flags["column"], strict=True))
    restored = flagged = altered = clean_cells = flagged_clean = lost = 0
    by_kind: dict[str, list[int]] = {}
    rep_rows = reps.to_numpy()
    for col in truth.columns:
        faults = corrupted.faults[corrupted.faults["column"] == col]
        corrupt_mask = np.zeros(n_truth, dtype=bool)
        corrupt_mask[faults["row"].to_numpy(dtype=int)] = True
        kind_of = pd.Series(faults["kind"].to_numpy(), index=faults["row"].to_numpy(dtype=int))
        name = normalize_name(col)
        eq = np.zeros(n_truth, dtype=bool)
        flag = np.zeros(n_truth, dtype=bool)
        if name in result.frame.columns:
            cleaned = result.frame.loc[rep_rows, name].reset_index(drop=True)
            truth_rows = truth[col].iloc[reps.index.to_numpy()].reset_index(drop=True)
            eq[reps.index.to_numpy()] = same(truth_rows, cleaned)
            flag[reps.index.to_numpy()] = [(r, name) in flagged_cells for r in rep_rows]
        good = has_rep & eq
        marked = has_rep & ~eq & flag
        restored += int((corrupt_mask & good).sum())
        flagged += int((corrupt_mask & marked).sum())
        clean = ~corrupt_mask
        clean_cells += int(clean.sum())
        true_gap = truth[col].isna().to_numpy()
        altered += int((clean & ~good & ~(true_gap & flag & has_rep)).sum())
        flagged_clean += int((clean & good & flag).sum())
        lost += int((clean & ~has_rep).sum())
        for kind, rows in kind_of.groupby(kind_of).groups.items():
            at = np.asarray(rows, dtype=int)
            tally = by_kind.setdefault(str(kind), [0, 0, 0])
            tally[0] += int(good[at].sum())
            tally[1] += int(marked[at].sum())
            tally[2] += len(at)
    by_kind["duplicate"] = [dup_handled, 0, dup_total]
    return Score(
        units=int(corrupted.faults.shape[0]) + dup_total,
        restored=restored + dup_handled,
        flagged=flagged,
        clean_cells=clean_cells,
        altered=altered,
        flagged_clean=flagged_clean,
        altered_by_drop=lost,
        by_kind={k: (v[0], v[1], v[2]) for k, v in sorted(by_kind.items())},
    )


def _as_bool(series: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean")
    if pd.api.types.is_numeric_dtype(series.dtype):
        return (series != 0).astype("boolean").where(series.notna())
    keys = series.astype("str").str.strip().str.casefold()
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[keys.isin(TRUE_TOKENS)] = True
    out[keys.isin(FALSE_TOKENS)] = False
    return out


def _as_float(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(series.dtype):
        return series.astype("float64").to_numpy(na_value=np.nan)
    return pd.to_numeric(series.astype("str"), errors="coerce").astype("float64").to_numpy()
