"""The HTML report of a cleaning run: what changed, column by column, with before/after plots.

Counts are what the change log says, summed: a step counts the cells it changed, so a cell that
two steps changed (trimmed, then parsed as yes/no) counts twice, and a column's total can exceed
its rows (churn: 7,366 changes on 7,113 rows). The labels say "changes", not "cells", for that.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from aieng.clean.changelog import count, show
from aieng.clean.pipeline import CleanResult
from aieng.reports import Report, new_figure
from aieng.reports.style import PALETTE

MAX_PLOTS = 8  # distribution plots for the most-changed columns; the table covers the rest
STEP_ORDER = (
    "names", "trim", "missing_tokens", "types", "categories", "duplicates", "outliers",
    "missing_values", "profile",
)  # fmt: skip


def build_report(before: pd.DataFrame, result: CleanResult, *, title: str) -> Report:
    """A full report for one cleaned table (``before``: the table as read, untouched)."""
    s = result.summary()
    report = Report(
        title=title,
        subtitle=f"{s['rows_in']:,} rows × {len(before.columns)} columns in, "
        f"{s['rows_out']:,} rows × {s['columns_out']} columns out",
    )
    report.metrics(
        {
            "rows in": s["rows_in"],
            "rows out": s["rows_out"],
            "cell changes": sum(c.rows for c in result.changes if c.step != "duplicates"),
            "rows dropped": s["rows_in"] - s["rows_out"],
            "cells flagged": s["flagged_cells"],
        }
    )
    add_sections(report, before, result)
    return report


def add_sections(
    report: Report, before: pd.DataFrame, result: CleanResult, label: str = ""
) -> None:
    """Append the step summary, per-column table, distribution plots, change log and flags."""
    tag = f" — {label}" if label else ""
    _steps_section(report, result, tag)
    _columns_section(report, before, result, tag)
    _distributions_section(report, before, result, tag)
    _log_section(report, result, tag)


CHANGED = "cells changed"  # per step: the cells it changed (rows it dropped, for duplicates)


def changes_by_step(result: CleanResult) -> pd.DataFrame:
    """One row per step: change-log entries and the cells it changed (rows, for duplicates)."""
    rows = [(c.step, c.rows) for c in result.changes]
    table = pd.DataFrame(rows, columns=["step", CHANGED])
    grouped = table.groupby("step").agg(entries=("step", "size"), rows=(CHANGED, "sum"))
    grouped = grouped.reindex([s for s in STEP_ORDER if s in grouped.index])
    return grouped.rename(columns={"rows": CHANGED})


def _steps_section(report: Report, result: CleanResult, tag: str) -> None:
    sec = report.section(
        f"What each step did{tag}",
        intro="Steps run in this order; 'cells changed' counts the cells a step changed (for "
        "duplicates, the rows it dropped). A step with entries but nothing changed only "
        "reports: flags and notes.",
    )
    table = changes_by_step(result)
    sec.table(table, caption="Change-log entries and cells changed per step")
    fig, ax = new_figure(width=7.0, height=0.45 * max(len(table), 2) + 1.0)
    ax.barh(table.index[::-1], table[CHANGED].to_numpy()[::-1], color=PALETTE[0])
    ax.set_xlabel("cells changed (duplicates: rows dropped)")
    sec.figure(fig, caption="Cells changed per step", alt="bar chart of cells changed per step")
    flags = result.flags
    notes = [
        _step_note(str(step), int(r["entries"]), int(r[CHANGED])) for step, r in table.iterrows()
    ]
    if len(flags):
        by = flags.groupby("step").size().sort_values(ascending=False)
        notes.append(
            f"{len(flags):,} cells flagged for review: "
            + ", ".join(f"{n:,} by {step}" for step, n in by.items())
            + " (the flags file lists each with its reason)."
        )
    sec.notes(notes)


def _step_note(step: str, entries: int, rows: int) -> str:
    what = {
        "names": "column names made snake_case",
        "trim": "cells lost stray whitespace",
        "missing_tokens": "cells spelled 'no value' (NA, n/a, -, ?, …) and became missing",
        # A yes/no column is rewritten whole ('No' → False), a number only where more than a
        # plain parse was needed ('$1,200' → 1200): both are changes the log counts.
        "types": "cells were rewritten in their column's type (yes/no as True/False, numbers "
        "stripped of separators and signs, dates as ISO 8601)",
        "categories": "cells were respelled to their category's most frequent spelling",
        "duplicates": "duplicate rows were dropped",
        "outliers": "outlier values were changed (flagging alone changes none)",
        "missing_values": "gaps were filled",
        "profile": "notes on columns that need no cleaning",
    }.get(step, step)
    if step == "names":
        return f"names: {entries} {what}."
    if step == "profile":
        return f"profile: {entries} {what} (constant columns)."
    return f"{step}: {rows:,} {what} ({count(entries, 'log entry', 'log entries')})."


PER_COLUMN = "changes (summed over steps)"  # a cell two steps changed counts twice


def column_table(before: pd.DataFrame, result: CleanResult) -> pd.DataFrame:
    """Before/after per column: kind, missing, distinct values, changes the steps logged."""
    touched: dict[str, int] = {}
    for c in result.changes:
        if c.column and c.step != "duplicates":
            touched[c.column] = touched.get(c.column, 0) + c.rows
    rows = []
    for old, new in result.renamed.items():
        b = before[old]
        a = result.frame[new] if new in result.frame.columns else pd.Series(dtype="str")
        blank = b.astype("str").str.strip().eq("") if b.dtype != bool else b.isna()
        rows.append(
            {
                "column": new if new == old else f"{show(old)} → {new}",
                "kind": result.kinds.get(new, "?"),
                "missing before": int((b.isna() | blank).sum()),
                "missing after": int(a.isna().sum()),
                "distinct before": int(b.nunique()),
                "distinct after": int(a.nunique()),
                PER_COLUMN: touched.get(new, 0),
            }
        )
    return pd.DataFrame(rows)


def _columns_section(report: Report, before: pd.DataFrame, result: CleanResult, tag: str) -> None:
    sec = report.section(
        f"Column by column{tag}",
        intro="'missing before' counts empty cells only; spelled-out tokens such as 'NA' are "
        "counted after, once recognised. Fewer distinct values after means merged spellings. "
        "Changes are summed over the steps, so a cell that two steps changed (trimmed, then "
        "parsed) counts twice and a column can show more changes than it has rows.",
    )
    table = column_table(before, result)
    sec.table(table, max_rows=len(table), caption="Each column before and after cleaning")
    changed = table[table[PER_COLUMN] > 0].sort_values(PER_COLUMN)
    if len(changed):
        fig, ax = new_figure(width=7.0, height=0.3 * len(changed) + 1.0)
        ax.barh(changed["column"], changed[PER_COLUMN], color=PALETTE[1])
        ax.set_xlabel("changes, summed over the steps")
        sec.figure(fig, caption="Changes per column", alt="bar chart of changes per column")
        top = changed.iloc[::-1].head(3)
        sec.notes(
            [
                f"{r['column']}: {r[PER_COLUMN]:,} changes over its steps ({r['kind']})."
                for _, r in top.iterrows()
            ]
        )


def _distributions_section(
    report: Report, before: pd.DataFrame, result: CleanResult, tag: str
) -> None:
    table = column_table(before, result)
    table["new"] = list(result.renamed.values())
    table["old"] = list(result.renamed.keys())
    changed = table[table[PER_COLUMN] > 0].sort_values(PER_COLUMN, ascending=False)
    if changed.empty:
        return
    sec = report.section(
        f"Distributions before and after{tag}",
        intro="For the columns that changed most. Numbers: histograms of the values that parse "
        "as plain numbers before cleaning against all values after. Categories: the most common "
        "spellings before against the levels after.",
    )
    for _, row in changed.head(MAX_PLOTS).iterrows():
        b, a = before[row["old"]], result.frame[row["new"]]
        fig, ax = new_figure(width=7.0, height=3.2)
        if row["kind"] in {"integer", "number"}:
            _histograms(ax, b, a)
        else:
            _bars(ax, b, a)
        ax.set_title(str(row["new"]))
        sec.figure(
            fig,
            caption=f"{row['new']}: before (orange) and after (blue)",
            alt=f"distribution of {row['new']} before and after",
        )


def _histograms(ax: Axes, before: pd.Series, after: pd.Series) -> None:
    b = pd.to_numeric(before.astype("str"), errors="coerce").to_numpy(dtype=float)
    a = after.to_numpy(dtype="float64", na_value=np.nan)
    both = np.concatenate([b[~np.isnan(b)], a[~np.isnan(a)]])
    if both.size == 0:
        return
    low, high = np.percentile(both, [0.5, 99.5])  # outliers would squash the bars to one
    bins: Any = np.linspace(low, high, 40) if high > low else 10
    ax.hist(a[~np.isnan(a)], bins=bins, color=PALETTE[0], alpha=0.6, label="after")
    ax.hist(
        b[~np.isnan(b)],
        bins=bins,
        histtype="step",
        color=PALETTE[1],
        linewidth=1.5,
        label="before (plain numbers only)",
    )
    ax.set_xlabel("value (0.5–99.5 percentile range)")
    ax.set_ylabel("rows")
    ax.legend()


def _bars(ax: Axes, before: pd.Series, after: pd.Series, top: int = 12) -> None:
    # A blank cell is missing before cleaning too (the table's 'missing before' counts it):
    # drawn as '' before and <missing> after, it would look like a change that never happened.
    blank = before.isna() | before.astype("str").str.strip().eq("")
    b = before.mask(blank).map(show).value_counts().head(top)
    a = after.map(show).value_counts()
    labels = list(b.index)
    for level in a.index[:top]:
        if level not in labels:
            labels.append(level)
    labels = labels[: top + 4]
    y = np.arange(len(labels))
    ax.barh(y - 0.2, [b.get(v, 0) for v in labels], height=0.4, color=PALETTE[1], label="before")
    ax.barh(y + 0.2, [a.get(v, 0) for v in labels], height=0.4, color=PALETTE[0], label="after")
    ax.set_yticks(y, [str(v)[:30] for v in labels])
    ax.invert_yaxis()
    ax.set_xlabel("rows")
    ax.legend()


def _log_section(report: Report, result: CleanResult, tag: str, limit: int = 80) -> None:
    intro = "Every change in order (the JSON change log has them all, with examples)."
    if any(c.step == "outliers" for c in result.changes):
        intro += (
            " An outlier's note gives its rule and fences. 'robust |z| > 3.5': more than 3.5 "
            "robust z-scores from the median, a robust z-score being the distance from the "
            "median in median absolute deviations (× 1.4826, so that on normal data it reads "
            "like a standard deviation). 'IQR k=1.5': more than 1.5 interquartile ranges "
            "outside the quartiles. A fence below 0 on a column that cannot be negative only "
            "means no value is too small."
        )
    sec = report.section(f"Change log{tag}", intro=intro)
    rows = [
        {
            "step": c.step,
            "column": c.column or "(rows)",
            "rows": c.rows,
            "what and why": c.note,
            "example": "; ".join(f"{b} → {a}" for b, a in c.examples[:2]),
        }
        for c in result.changes
    ]
    table = pd.DataFrame(rows)
    shown = f" (first {limit} shown)" if len(table) > limit else ""
    sec.table(table, max_rows=limit, caption=f"{len(table):,} changes{shown}")
    # No chart of entries per step: the step table above already counts them.
