"""A dataset's card as an HTML report: what the data is, and what every column looks like.

This is the first report a learner opens (``aieng data show telco_churn --report card.html``),
so it shows the house style every month follows: headline numbers, sections in plain words,
and a picture for every column — a histogram for numbers, bars for categories.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from aieng.datasets.cards import DataCard, get_card
from aieng.datasets.loaders import load
from aieng.reports import Report, new_figure
from aieng.reports.style import PALETTE

PANELS = 3  # columns per row of small plots: readable on a laptop and on paper
TOP_LEVELS = 10  # a bar chart with more bars than this is unreadable; the rest become "other"


def _is_positive(series: pd.Series, positive: str) -> pd.Series:
    return series.astype("string") == positive


def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _plot_column(ax: Axes, series: pd.Series, *, title: str) -> None:
    """Draw one column on ``ax``: a histogram for numbers, bars of the top levels otherwise."""
    values = series.dropna()
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        ax.hist(values.to_numpy(dtype=float), bins=30, color=PALETTE[0])
    else:
        counts = values.astype("string").value_counts()
        if len(counts) > TOP_LEVELS:  # keep the largest levels, fold the tail into one bar
            counts = pd.concat(
                [counts.iloc[:TOP_LEVELS], pd.Series({"(other)": counts.iloc[TOP_LEVELS:].sum()})]
            )
        labels = [_short(str(label)) for label in counts.index][::-1]
        ax.barh(labels, counts.to_numpy()[::-1], color=PALETTE[0])
    missing = int(series.isna().sum())
    suffix = f" ({missing} missing)" if missing else ""
    ax.set_title(f"{title}{suffix}", fontsize=9)


def _column_figures(frame: pd.DataFrame, names: Sequence[str]) -> list[tuple[Figure, str]]:
    """Small multiples, ``PANELS`` per row and at most 4 rows per figure (one page in print)."""
    figures: list[tuple[Figure, str]] = []
    per_figure = PANELS * 4
    for start in range(0, len(names), per_figure):
        chunk = list(names[start : start + per_figure])
        rows = -(-len(chunk) // PANELS)  # ceiling division
        fig, axes = new_figure(rows, PANELS, width=9.0, height=2.6 * rows)
        flat = np.atleast_1d(axes).ravel()
        for ax, name in zip(flat, chunk, strict=False):
            _plot_column(ax, frame[name], title=name)
        for ax in flat[len(chunk) :]:
            ax.set_visible(False)
        figures.append((fig, f"Columns {start + 1}–{start + len(chunk)} of {len(names)}"))
    return figures


def _group_rates(frame: pd.DataFrame, card: DataCard, column: str) -> pd.DataFrame:
    """Target rate (classification) or mean target (regression) per level of ``column``."""
    target = frame[card.target]
    y = _is_positive(target, card.positive_class) if card.positive_class else target
    grouped = y.groupby(frame[column].astype("string"), observed=True)
    return pd.DataFrame({"rows": grouped.size(), "target": grouped.mean()}).reset_index()


def build_card_report(name: str) -> Report:
    """The report for dataset ``name``; write it with ``.write(path)``."""
    card = get_card(name)
    frame = load(card.name)
    missing_cells = int(frame.isna().sum().sum())
    headline: dict[str, float | int | str] = {
        "rows": len(frame),
        "columns": frame.shape[1],
        "missing cells": f"{100 * missing_cells / frame.size:.2f}%",
    }
    if card.positive_class:
        rate = _is_positive(frame[card.target], card.positive_class).mean()
        headline[f"{card.target} = {card.positive_class}"] = f"{100 * rate:.1f}%"
    else:
        headline[f"mean {card.target}"] = float(frame[card.target].mean())
    report = Report(title=f"Data card — {card.title}", subtitle=f"aieng dataset {card.name}")
    report.metrics(headline)

    about = report.section("About the data")
    about.text(card.description)
    about.notes(
        [
            f"Task: {card.task}; target: {card.target}"
            + (f" (positive class {card.positive_class!r})" if card.positive_class else ""),
            f"Source: R package {card.source.r_package}, dataset {card.source.r_dataset}; "
            f"originally {card.source.original}",
            f"Publication: {card.publication}",
            f"License: {card.license}",
        ]
    )
    if card.caveats:
        report.section("Caveats", intro="Known problems to keep in mind.").notes(card.caveats)

    if card.sensitive:
        sens = report.section(
            "Sensitive attributes",
            intro="Columns that encode a protected characteristic: audit with them, "
            "and look at how the target differs between groups before training anything.",
        )
        sens.notes([f"{', '.join(s.columns)}: {s.why}" for s in card.sensitive])
        for column in card.sensitive_columns:
            rates = _group_rates(frame, card, column)
            label = f"{card.target} = {card.positive_class}" if card.positive_class else card.target
            fig, ax = new_figure(width=6.0, height=0.5 + 0.35 * len(rates))
            shown = rates.iloc[:TOP_LEVELS]
            ax.barh(shown[column].astype(str), shown["target"], color=PALETTE[1])
            ax.set_xlabel(("share with " if card.positive_class else "mean ") + label)
            sens.figure(fig, caption=f"{label} by {column}", alt=f"bar chart by {column}")
            sens.table(rates.rename(columns={"target": label}), caption=f"By {column}")

    columns = report.section(
        "Columns", intro="Meaning and type from the card; counts from the data."
    )
    table = pd.DataFrame(
        {
            "column": [c.name for c in card.fields],
            "dtype": [c.dtype for c in card.fields],
            "missing": [int(frame[c.name].isna().sum()) for c in card.fields],
            "distinct": [int(frame[c.name].nunique()) for c in card.fields],
            "meaning": [c.meaning for c in card.fields],
        }
    )
    columns.table(table, max_rows=len(table), caption="Every column of the dataset")

    dist = report.section(
        "Distributions",
        intro="One small plot per column, the target first. "
        f"Categories show their {TOP_LEVELS} most frequent levels.",
    )
    order = [card.target, *[c for c in frame.columns if c != card.target]]
    for fig, caption in _column_figures(frame, order):
        dist.figure(fig, caption=caption, alt=caption)
    dist.text(
        "Read the shapes before modelling: a long right tail suggests a log scale, a spike at "
        "one value a default or a cap, a rare level a category to merge."
    )
    return report
