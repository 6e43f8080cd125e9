"""One look for every month: plot style, figure export and number formatting.

Plots get a colour-blind-safe palette, readable fonts and quiet axes; figures are exported to
deterministic bytes; numbers are written the same way in every table, card and page.

Why :class:`matplotlib.figure.Figure` and not ``pyplot``: pyplot keeps a global list of open
figures and picks a GUI backend on first use. In a library that runs inside a CLI, a test worker or
a web server thread, that global state leaks memory (figures nobody closes), can pop up windows,
and is not thread-safe. A bare ``Figure`` belongs to whoever holds it, renders with Agg when saved,
and is freed like any object.

Why the style is applied *per axes* and not through ``rcParams``: ``rcParams`` is one dict shared by
the whole process. Changing it on import would restyle other people's plots; changing it inside
``new_figure`` (even with ``rc_context``) would race with other threads. So :func:`new_figure`
sets colours, grid, spines and font sizes on the axes it creates, and never touches ``rcParams``.
:func:`style_context` exists for code that must go through ``rcParams`` (seaborn's figure-level
functions, pyplot scripts); it restores everything on exit.
"""

from __future__ import annotations

import base64
import contextlib
import io
import math
import numbers
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

from aieng.errors import UsageError

if TYPE_CHECKING:  # a typing-only alias of the valid rcParams keys; not needed at run time
    from matplotlib.typing import RcKeyType

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common forms of colour
# blindness and in greyscale print. Ordered by contrast on white; yellow comes last because it is
# the faintest on a white page.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
# Perceptually uniform and colour-blind safe, for heatmaps and continuous colour.
SEQUENTIAL_CMAP = "viridis"
# Diverging map for signed quantities (correlations, residuals); centre it at zero.
DIVERGING_CMAP = "RdBu_r"

MISSING = "—"  # shown for None, NaN and NA: an empty cell would look like a rendering bug
CSS_PX_PER_INCH = 96  # CSS defines 1in = 96px; used to show figures at their physical size
# matplotlib takes the SVG id salt only from the global rcParams; the lock keeps two threads of
# ours from interleaving their save-and-restore of it.
_SVG_LOCK = threading.Lock()

DPI = 150  # raster resolution of embedded PNGs: sharp on laptop screens, ~100 kB per figure
WIDTH_IN = 7.0  # default figure width in inches: fills most of the report's text column
HEIGHT_IN = 4.0  # default height of one row of axes, in inches
FONT_SIZE = 10.0  # tick labels are 1 pt smaller, titles 1 pt larger
TEXT_COLOR = "#333333"  # softer than black; the same grey as the report's body text
GRID_COLOR = "#DDDDDD"  # light enough to read values against, never competing with the data


def style_rc() -> dict[RcKeyType, Any]:
    """The style as ``rcParams`` entries (a fresh dict each call, so callers may edit it)."""
    return {
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.edgecolor": TEXT_COLOR,
        "axes.labelcolor": TEXT_COLOR,
        "axes.labelsize": FONT_SIZE,
        "axes.titlesize": FONT_SIZE + 1,
        "grid.color": GRID_COLOR,
        "grid.linewidth": 0.6,
        "font.size": FONT_SIZE,
        "legend.fontsize": FONT_SIZE - 1,
        "legend.frameon": False,
        "xtick.color": TEXT_COLOR,
        "ytick.color": TEXT_COLOR,
        "xtick.labelsize": FONT_SIZE - 1,
        "ytick.labelsize": FONT_SIZE - 1,
        "image.cmap": SEQUENTIAL_CMAP,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.facecolor": "white",
    }


@contextlib.contextmanager
def style_context() -> Iterator[None]:
    """Apply the style through ``rcParams`` for the duration of a ``with`` block.

    For seaborn and pyplot code that reads ``rcParams`` at draw time. It changes process-wide state
    while active, so use it on one thread; prefer :func:`new_figure` plus ``ax=`` where you can::

        with style_context():
            sns.histplot(df, x="age", ax=ax)
    """
    with mpl.rc_context(rc=style_rc()):
        yield


def style_axes(ax: Axes) -> Axes:
    """Apply the style to one existing ``Axes`` (without touching ``rcParams``) and return it."""
    ax.set_prop_cycle(color=list(PALETTE))
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(TEXT_COLOR)
        ax.spines[side].set_linewidth(0.8)
    ax.grid(True, color=GRID_COLOR, linewidth=0.6)
    ax.set_axisbelow(True)  # grid lines behind bars and points, not across them
    ax.tick_params(colors=TEXT_COLOR, labelsize=FONT_SIZE - 1, length=3, width=0.8)
    # Label Text objects persist, so set_xlabel/set_ylabel later keep these sizes and colours.
    for label in (ax.xaxis.label, ax.yaxis.label):
        label.set_fontsize(FONT_SIZE)
        label.set_color(TEXT_COLOR)
    # set_title() re-reads rcParams when called; pass fontsize= there to match exactly.
    ax.title.set_fontsize(FONT_SIZE + 1)
    return ax


# The overlap mypy flags is deliberate: ``new_figure(n, m)`` with variables that happen to be 1 at
# run time returns a single Axes, like pyplot.subplots. Typing the common cases precisely (no
# arguments -> Axes, a grid -> array) saves every month an isinstance() check; typeshed uses the
# same pattern for open()'s literal modes.
@overload
def new_figure(  # type: ignore[overload-overlap]
    nrows: Literal[1] = 1,
    ncols: Literal[1] = 1,
    *,
    width: float | None = None,
    height: float | None = None,
    sharex: bool = False,
    sharey: bool = False,
) -> tuple[Figure, Axes]: ...
@overload
def new_figure(
    nrows: int,
    ncols: int = 1,
    *,
    width: float | None = None,
    height: float | None = None,
    sharex: bool = False,
    sharey: bool = False,
) -> tuple[Figure, NDArray[np.object_]]: ...
def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    width: float | None = None,
    height: float | None = None,
    sharex: bool = False,
    sharey: bool = False,
) -> tuple[Figure, Axes | NDArray[np.object_]]:
    """Create a styled figure with an ``nrows × ncols`` grid of axes.

    Returns ``(fig, ax)`` with a single ``Axes`` for a 1×1 grid, otherwise ``(fig, axes)`` with a
    NumPy array of ``Axes`` shaped like ``pyplot.subplots`` (1-D for one row or column).
    ``width`` defaults to 7 in; ``height`` to 4 in for one row, 3 in per row otherwise.
    The figure uses constrained layout, so labels never overlap between panels.

    Typing: literal ``1, 1`` (or no arguments) gives ``Axes``; any other call is typed as an array.
    """
    if nrows < 1 or ncols < 1:
        raise UsageError(
            f"a figure needs at least one row and one column of axes, got {nrows}×{ncols}",
            hint="pass nrows >= 1 and ncols >= 1.",
        )
    w = WIDTH_IN if width is None else width
    h = (HEIGHT_IN if nrows == 1 else 3.0 * nrows) if height is None else height
    if w <= 0 or h <= 0:
        raise UsageError(
            f"figure size must be positive, got width={w} and height={h} (inches)",
            hint="pass sizes in inches, e.g. width=7, height=4.",
        )
    fig = Figure(figsize=(w, h), dpi=DPI, layout="constrained", facecolor="white")
    axes = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=False)
    for ax in axes.flat:
        style_axes(ax)
    if nrows == 1 and ncols == 1:
        return fig, axes[0, 0]
    # The same shapes as pyplot.subplots(squeeze=True): (ncols,), (nrows,) or (nrows, ncols).
    squeezed: NDArray[np.object_] = axes.reshape(-1) if nrows == 1 or ncols == 1 else axes
    return fig, squeezed


def format_number(value: object, digits: int = 3) -> str:
    """Format a value for a human: ``digits`` significant digits, thousands separators.

    >>> [format_number(v) for v in (0.8312, 35.2, 12345.6, 3000, float("nan"), "n/a")]
    ['0.831', '35.2', '12,346', '3,000', '—', 'n/a']
    """
    if digits < 1:
        raise UsageError(f"digits must be at least 1, got {digits}", hint="use digits=3.")
    if value is None:
        return MISSING
    if isinstance(value, bool):  # bool is an int subclass; "True" reads better than "1"
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        x = float(value)
        if math.isnan(x):
            return MISSING
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        # Past 10**digits the integer part alone has enough digits; fractions would be noise.
        # The -0.5 catches values that round up to 10**digits (999.7 -> "1,000", not "1e+03").
        if abs(x) >= 10**digits - 0.5:
            return f"{x:,.0f}"
        return "0" if x == 0 else f"{x:.{digits}g}"
    if value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, np.datetime64 | np.timedelta64) and np.isnat(value):
        return MISSING
    return str(value)


def encode_figure(
    fig: Figure, *, fmt: Literal["png", "svg"] = "png", dpi: int = DPI
) -> tuple[str, int]:
    """Render ``fig`` to a ``data:`` URI; return it with the figure's width in CSS pixels.

    PNG is the default: its size depends on pixels, not on the number of points, so a scatter of
    100,000 rows stays ~100 kB where an SVG would grow to megabytes. SVG is sharper for line charts
    and in print. Both are embedded through ``<img>`` rather than inline ``<svg>``: inline SVGs of
    different figures reuse the same element ids (glyphs, clip paths), which collide in one page.
    Metadata that changes between runs (software version, date) is left out, and the SVG id salt is
    fixed, so the same figure gives the same bytes.
    """
    buf = io.BytesIO()
    if fmt == "png":
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        data = buf.getvalue()
        width = int.from_bytes(data[16:20], "big") * CSS_PX_PER_INCH / dpi  # IHDR width in px
        mime = "image/png"
    elif fmt == "svg":
        with _SVG_LOCK, mpl.rc_context({"svg.hashsalt": "aieng", "svg.fonttype": "path"}):
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
        data = buf.getvalue()
        match = re.search(rb'<svg[^>]*?\swidth="([\d.]+)pt"', data)
        points = float(match.group(1)) if match else WIDTH_IN * 72  # 72 pt per inch
        width = points * CSS_PX_PER_INCH / 72
        mime = "image/svg+xml"
    else:
        raise UsageError(f"unknown figure format {fmt!r}", hint="use fmt='png' or fmt='svg'.")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", round(width)
