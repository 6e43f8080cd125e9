"""The plots of the exploration report. Each function takes statistics and returns a Figure.

Small multiples (one small panel per column, on a grid) keep a wide table to a few images: the
report stays a few hundred kB however many columns there are, up to the ``MAX_PANELS`` cap.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray
from scipy.stats import gaussian_kde

from aieng.explore.bias import BiasResult
from aieng.explore.profile import ColumnProfile, as_labels, as_numbers
from aieng.explore.target import FeatureTarget
from aieng.reports import PALETTE, new_figure
from aieng.reports.style import DIVERGING_CMAP, SEQUENTIAL_CMAP

MAX_PANELS = 24  # panels per small-multiples figure; more columns are listed in a note instead
MAX_BARS = 100  # bars (one per column) in a ranking or missing-values figure: ≈ 25 inches tall;
# 10,000 would be a 2,500-inch image, beyond what matplotlib can render (2^16 pixels a side)
KDE_SAMPLE = 5_000  # the KDE is evaluated on a sample: its shape is stable, its cost O(n·grid)
MAX_LEVELS = 8  # bars per categorical panel; the rest are pooled as "(other)"
MISSING_ROWS = 400  # at most this many blocks of rows in the missingness matrix
ANNOTATE_ABOVE = 0.3  # in heatmaps of more than 8 columns, only values this strong get a number
GRID_DPI = 100  # small multiples: many small panels; 150 dpi would double the bytes, not clarity
HEATMAP_DPI = 120  # enough for the 6-pt numbers in the cells


def _grid(n: int, ncols: int, height: float, *, wspace: float = 0.3) -> tuple[Figure, list[Axes]]:
    """A figure with ``n`` panels on ``ncols`` columns; unused panels are hidden.

    Fixed spacing instead of constrained layout: with dozens of panels, solving the layout costs
    more than drawing them (it measures every tick label twice). ``wspace`` is a share of a
    panel's width, enough room for the level names on the y axis.
    """
    nrows = max(1, math.ceil(n / ncols))
    fig, axes = new_figure(nrows, ncols, width=2.6 * ncols, height=height * nrows)
    fig.set_layout_engine("none")
    flat: list[Axes] = list(np.asarray(axes).reshape(-1))
    gridspec = flat[0].get_gridspec()
    if gridspec is not None:
        # GridSpec.update only repositions axes of pyplot figures; place ours explicitly.
        gridspec.update(wspace=wspace, hspace=0.6)
        for ax in flat:
            spec = ax.get_subplotspec()
            if spec is not None:
                ax.set_position(spec.get_position(fig))
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def histograms(frame: pd.DataFrame, names: list[str], seed: int = 0) -> Figure:
    """Histogram (density scale) with a Gaussian KDE and the median, one panel per column."""
    fig, axes = _grid(len(names), 4, 2.3)
    rng = np.random.default_rng(seed)
    for ax, name in zip(axes, names, strict=True):
        x = as_numbers(frame[name]).dropna().to_numpy()  # (n_present,)
        ax.hist(x, bins=30, density=True, color=PALETTE[0], alpha=0.55)
        sample = x if len(x) <= KDE_SAMPLE else rng.choice(x, KDE_SAMPLE, replace=False)
        if np.ptp(sample) > 0:
            grid = np.linspace(x.min(), x.max(), 200)
            ax.plot(grid, gaussian_kde(sample)(grid), color=PALETTE[3], linewidth=1.2)
        ax.axvline(float(np.median(x)), color=PALETTE[6], linewidth=0.8, linestyle="--")
        ax.set_title(_short(name), fontsize=9)
        ax.set_yticks([])  # a density's numbers depend on the units; its shape is the point
        ax.set_ylabel("density", fontsize=7)
    return fig


def bars(frame: pd.DataFrame, profiles: dict[str, ColumnProfile], names: list[str]) -> Figure:
    """Share of each level (the largest ``MAX_LEVELS``, then "(other)"), one panel per column."""
    fig, axes = _grid(len(names), 3, 2.4, wspace=0.9)
    for ax, name in zip(axes, names, strict=True):
        labels = as_labels(frame[name]).fillna("(missing)")
        shares = labels.value_counts(normalize=True)
        if len(shares) > MAX_LEVELS:
            rest = float(shares.iloc[MAX_LEVELS - 1 :].sum())
            shares = pd.concat([shares.iloc[: MAX_LEVELS - 1], pd.Series({"(other)": rest})])
        y = np.arange(len(shares))
        ax.barh(y, shares.to_numpy(), color=PALETTE[0])
        ax.set_yticks(y, [_short(str(i), 18) for i in shares.index], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(f"{_short(name)} ({profiles[name].n_distinct} levels)", fontsize=9)
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_xlabel("share of rows", fontsize=7)
    return fig


def booleans(frame: pd.DataFrame, names: list[str]) -> Figure:
    """Share of true values of every boolean column, on one panel (two bars each would waste
    a panel per column)."""
    shares = pd.Series({name: float(as_numbers(frame[name]).mean()) for name in names})
    fig = ranking(shares, "share true (missing values left out)")
    ax = fig.axes[0]
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    for y, v in enumerate(shares.to_numpy().tolist()):
        ax.text(v, y, f" {v:.1%}", va="center", fontsize=8)
    return fig


def missing_overview(frame: pd.DataFrame) -> Figure:
    """Left: share missing per column. Right: the missingness matrix (rows × columns)."""
    fig, (left, right) = new_figure(1, 2, width=10.0, height=max(3.0, 0.22 * frame.shape[1] + 1))
    isna = frame.isna()
    share = isna.mean()
    y = np.arange(len(share))
    left.barh(y, share.to_numpy(), color=PALETTE[3])
    left.set_yticks(y, [_short(str(c)) for c in share.index], fontsize=7)
    left.invert_yaxis()
    left.set_xlim(0, max(0.01, float(share.max()) * 1.1))
    left.xaxis.set_major_formatter(lambda v, _: f"{v:.1%}")
    left.set_xlabel("share of rows missing")
    # Blocks of consecutive rows, not every k-th row: sampling would hide a gap of a few rows
    # (Telco's 11), while "any gap in this block" keeps every one of them visible.
    flags = isna.to_numpy()  # (n_rows, n_columns)
    blocks = np.array_split(np.arange(len(frame)), min(MISSING_ROWS, len(frame)))
    matrix = np.stack([flags[b].any(axis=0) for b in blocks], axis=1).astype(float)
    # The extent puts row numbers on the x axis: without it the ticks count blocks, and a
    # reader of "rows in file order" would read block 350 as row 350 (it is row 6,300).
    right.imshow(
        matrix,
        aspect="auto",
        cmap="Greys",
        vmin=0,
        vmax=1,
        interpolation="nearest",
        extent=(0, len(frame), len(share) - 0.5, -0.5),
    )
    right.set_yticks(y, [_short(str(c)) for c in share.index], fontsize=7)
    size = len(blocks[0])
    right.set_xlabel(
        f"row number, in file order ({size:,} rows per pixel column); black = at least one missing"
        if size > 1
        else "row number, in file order; black = missing"
    )
    right.grid(False)
    return fig


def heatmap(matrix: pd.DataFrame, *, signed: bool, label: str) -> Figure:
    """A square heatmap: diverging around 0 for signed values, sequential for 0..1."""
    n = len(matrix)
    size = min(11.0, max(4.0, 0.42 * n + 2.0))
    fig, ax = new_figure(width=size, height=size * 0.85)
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(
        values,
        cmap=DIVERGING_CMAP if signed else SEQUENTIAL_CMAP,
        vmin=-1 if signed else 0,
        vmax=1,
        interpolation="nearest",
    )
    names = [_short(str(c), 18) for c in matrix.columns]
    ax.set_xticks(np.arange(n), names, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(np.arange(n), names, fontsize=7)
    ax.grid(False)
    # Numbers in the cells while they stay legible (≤ 25 columns); in a big matrix only the
    # notable ones (|value| ≥ ANNOTATE_ABOVE, off the diagonal): 400 labels cost a second to draw
    # and bury the few that matter.
    floor = 0.0 if n <= 8 else ANNOTATE_ABOVE
    if n <= 25:
        for i in range(n):
            for j in range(n):
                if i != j and abs(values[i, j]) >= floor:
                    dark = abs(values[i, j]) > 0.6 if signed else values[i, j] < 0.6
                    ax.text(
                        j,
                        i,
                        f"{values[i, j]:.2f}",
                        ha="center",
                        va="center",
                        fontsize=6,
                        color="white" if dark else "black",
                    )
    fig.colorbar(image, ax=ax, shrink=0.8, label=label)
    return fig


def balance(counts: pd.Series, positive: str | None) -> Figure:
    """Rows per class, the positive class highlighted."""
    fig, ax = new_figure(width=5.0, height=max(2.0, 0.4 * len(counts) + 1))
    y = np.arange(len(counts))
    colours = [PALETTE[3] if str(c) == positive else PALETTE[0] for c in counts.index]
    ax.barh(y, counts.to_numpy(), color=colours)
    ax.set_yticks(y, [_short(str(c)) for c in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("rows")
    total = int(counts.sum())
    for yi, v in enumerate(counts.to_numpy(dtype=int).tolist()):
        ax.text(v, yi, f" {v:,} ({v / total:.1%})", va="center", fontsize=8)
    return fig


def target_rates(
    features: list[FeatureTarget], overall: float, label: str, *, percent: bool
) -> Figure:
    """Target rate (or mean) per level of every feature, on one panel, the overall as a line.

    One panel with a row per (feature, level), features told apart by alternating colours: a
    grid of one panel per feature reads the same but costs several times more to draw.
    """
    rows: list[tuple[str, float, int]] = []  # (label, rate, feature number)
    for k, ft in enumerate(features):
        table = ft.table.iloc[:MAX_LEVELS]
        sign = "∈" if ft.binned else "="
        for level, rate in zip(table["level"], table["rate"], strict=True):
            rows.append((f"{_short(ft.feature, 18)} {sign} {_short(str(level), 18)}", rate, k))
    fig, ax = new_figure(width=7.0, height=0.17 * len(rows) + 1.0)
    y = np.arange(len(rows))
    colours = [PALETTE[0] if k % 2 == 0 else PALETTE[5] for _, _, k in rows]
    ax.barh(y, [rate for _, rate, _ in rows], color=colours, height=0.75)
    ax.set_yticks(y, [text for text, _, _ in rows], fontsize=7)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.axvline(overall, color=PALETTE[6], linewidth=0.8, linestyle="--")
    ax.set_xlabel(label)
    ax.grid(False, axis="y")
    if percent:
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    return fig


def ranking(scores: pd.Series, xlabel: str) -> Figure:
    """Horizontal bars of a score per feature, highest on top."""
    fig, ax = new_figure(width=6.5, height=max(2.0, 0.25 * len(scores) + 1))
    y = np.arange(len(scores))
    ax.barh(y, scores.to_numpy(), color=PALETTE[0])
    ax.set_yticks(y, [_short(str(i)) for i in scores.index], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    return fig


def forest(
    results: tuple[BiasResult, ...], overall: float, label: str, *, rates: bool, percent: bool
) -> Figure:
    """Per sensitive attribute: group sizes (left) and rate with credible interval (right)."""
    n_rows = sum(max(1, len(b.sizes)) for b in results)
    fig, axes = new_figure(len(results), 2, width=9.0, height=0.35 * n_rows + 1.2 * len(results))
    panels: NDArray[np.object_] = np.asarray(axes).reshape(len(results), 2)
    for (left, right), b in zip(panels, results, strict=True):
        groups = [g for g, _ in b.sizes]
        y = np.arange(len(groups))
        left.barh(y, [n for _, n in b.sizes], color=PALETTE[0])
        left.set_yticks(y, [_short(g, 16) for g in groups], fontsize=8)
        left.invert_yaxis()
        left.set_title(f"{_short(b.attribute)}: rows per group", fontsize=9)
        if not rates or not b.groups:
            right.set_visible(False)
            continue
        by_group = {g.group: g for g in b.groups}
        for yi, name in enumerate(groups):
            if name in by_group:
                g = by_group[name]
                right.plot([g.low, g.high], [yi, yi], color=PALETTE[0], linewidth=2)
                right.plot([g.observed], [yi], "o", color=PALETTE[3], markersize=5)
        right.set_yticks(y, [_short(g, 16) for g in groups], fontsize=8)
        right.set_ylim(len(groups) - 0.5, -0.5)
        right.axvline(overall, color=PALETTE[6], linewidth=0.8, linestyle="--")
        right.set_title(f"{_short(b.attribute)}: {label}, 95% credible interval", fontsize=9)
        if percent:
            right.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    return fig
