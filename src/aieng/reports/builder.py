"""Build one self-contained HTML report: headline numbers, sections of text, figures and tables.

A month's ``run()`` fills a :class:`Report` and writes it::

    rep = Report(title="Month 3 — linear regression", subtitle="ISLR Wage, 3,000 rows")
    rep.metrics({"R² (test)": 0.31, "RMSE": 35.2})
    sec = rep.section("Loss curves", intro="Why the largest learning rate diverges.")
    fig, ax = new_figure()
    ax.plot(losses)
    sec.figure(fig, caption="Training loss per epoch", alt="Loss falls, then flattens")
    sec.table(coefs, caption="Coefficients")
    rep.write(run_dir / "report.html")

The file opens offline and prints cleanly: CSS is inlined, figures are ``data:`` URIs, and there is
no script, font or link to anything outside the file. Every string a caller passes is HTML-escaped
by Jinja's autoescape; figures and tables are turned into plain strings *here*, so nothing is ever
marked "safe" and user text can never become markup.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

import jinja2
import pandas as pd
from matplotlib.figure import Figure

import aieng
from aieng.errors import UsageError
from aieng.io import atomic_write
from aieng.reports.style import DPI, encode_figure, format_number

Metric = float | int | str  # a headline number, or a short text such as "n/a"


@dataclass(frozen=True)
class TextBlock:
    """Plain paragraphs (split on blank lines); escaped, never interpreted as HTML."""

    kind: ClassVar[str] = "text"
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class NotesBlock:
    """A bulleted list of short insights."""

    kind: ClassVar[str] = "notes"
    items: tuple[str, ...]


@dataclass(frozen=True)
class FigureBlock:
    """An image encoded in the page itself, with the width (CSS px) it was drawn at."""

    kind: ClassVar[str] = "figure"
    data_uri: str  # data:image/png;base64,… or data:image/svg+xml;base64,…
    width_px: int  # the figure's physical width; CSS max-width shrinks it on small screens
    caption: str
    alt: str


@dataclass(frozen=True)
class TableBlock:
    """A table already formatted to strings; ``numeric[j]`` right-aligns column ``j``."""

    kind: ClassVar[str] = "table"
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str
    total_rows: int  # rows in the DataFrame; more than len(rows) when truncated


Block = TextBlock | NotesBlock | FigureBlock | TableBlock


def _label(name: object) -> str:
    if name is None:
        return ""
    if isinstance(name, tuple):  # MultiIndex columns: ("score", "mean") -> "score / mean"
        return " / ".join(str(part) for part in name if str(part))
    return str(name)


def _is_numeric(dtype: Any) -> bool:
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def table_block(
    df: pd.DataFrame | pd.Series,
    *,
    caption: str = "",
    max_rows: int = 50,
    index: bool | None = None,
    digits: int = 3,
) -> TableBlock:
    """Format the first ``max_rows`` rows of ``df`` for display.

    ``index=None`` shows the index only when it carries information: it has a name (a groupby
    result) or non-integer labels (``describe()``); a plain 0..n-1 or filtered row number is hidden.
    """
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise UsageError(
            f"a table needs a pandas DataFrame or Series, got {type(df).__name__}",
            hint="wrap the data with pd.DataFrame(...) first.",
        )
    if max_rows < 1:
        raise UsageError(f"max_rows must be at least 1, got {max_rows}", hint="use max_rows=50.")
    if index is None:
        has_name = any(name is not None for name in df.index.names)
        index = has_name or not pd.api.types.is_integer_dtype(df.index.dtype)
    head = df.iloc[:max_rows]
    columns: list[tuple[str, list[Any], bool]] = []
    if index:
        for level, name in enumerate(head.index.names):
            values = head.index.get_level_values(level)
            columns.append((_label(name), values.tolist(), _is_numeric(values.dtype)))
    for j, name in enumerate(head.columns):
        col = head.iloc[:, j]
        columns.append((_label(name), col.tolist(), _is_numeric(col.dtype)))
    cells = [[format_number(v, digits) for v in values] for _, values, _ in columns]
    return TableBlock(
        columns=tuple(name for name, _, _ in columns),
        numeric=tuple(num for _, _, num in columns),
        rows=tuple(zip(*cells, strict=True)) if cells else (),
        caption=caption,
        total_rows=len(df),
    )


@dataclass
class Section:
    """One titled part of a report; its blocks render in the order they were added."""

    id: str  # the HTML anchor the table of contents links to
    title: str
    intro: str = ""
    blocks: list[Block] = field(default_factory=list)

    def text(self, text: str) -> Self:
        """Add plain text; a blank line starts a new paragraph. HTML in it is shown, not run."""
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
        self.blocks.append(TextBlock(paragraphs))
        return self

    def notes(self, items: Iterable[str]) -> Self:
        """Add a bulleted list of plain-word insights."""
        self.blocks.append(NotesBlock(tuple(str(item) for item in items)))
        return self

    def figure(
        self,
        fig: Figure,
        *,
        caption: str = "",
        alt: str = "",
        fmt: Literal["png", "svg"] = "png",
        dpi: int = DPI,
        close: bool = True,
    ) -> Self:
        """Embed ``fig`` (PNG by default, see :func:`encode_figure`); ``alt`` defaults to caption.

        With ``close=True`` a figure made through pyplot is closed, so pyplot's registry drops it;
        figures from :func:`~aieng.reports.new_figure` are not registered and free themselves.
        """
        uri, width = encode_figure(fig, fmt=fmt, dpi=dpi)
        self.blocks.append(FigureBlock(uri, width, caption, alt or caption or "Figure"))
        pyplot = sys.modules.get("matplotlib.pyplot")  # never import pyplot ourselves
        if close and pyplot is not None:
            pyplot.close(fig)
        return self

    def table(
        self,
        df: pd.DataFrame | pd.Series,
        *,
        caption: str = "",
        max_rows: int = 50,
        index: bool | None = None,
        digits: int = 3,
    ) -> Self:
        """Add a DataFrame as a table of formatted numbers (see :func:`table_block`)."""
        block = table_block(df, caption=caption, max_rows=max_rows, index=index, digits=digits)
        self.blocks.append(block)
        return self


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "section"


@dataclass
class Report:
    """A report: a title, headline metric cards and ordered sections."""

    title: str
    subtitle: str = ""
    generated_at: datetime | None = None  # fix it for byte-identical output; None = now, UTC
    cards: list[tuple[str, str]] = field(default_factory=list)  # (label, formatted value)
    sections: list[Section] = field(default_factory=list)

    def metrics(self, values: Mapping[str, Metric], *, digits: int = 3) -> Self:
        """Add headline number cards, in the mapping's order."""
        self.cards.extend((label, format_number(v, digits)) for label, v in values.items())
        return self

    def section(self, title: str, *, intro: str = "") -> Section:
        """Start a new section; its anchor id is unique within the report."""
        taken = {s.id for s in self.sections}
        base = f"sec-{_slug(title)}"
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        sec = Section(id=anchor, title=title, intro=intro)
        self.sections.append(sec)
        return sec

    def render(self) -> str:
        """The whole report as one HTML document."""
        return render_page(
            "report.html.j2",
            title=self.title,
            subtitle=self.subtitle,
            generated_at=self.generated_at,
            cards=self.cards,
            sections=self.sections,
        )

    def write(self, path: Path) -> Path:
        """Render, then write atomically (a reader never sees half a file); return ``path``."""
        return atomic_write(Path(path), self.render())


@functools.cache
def _environment() -> jinja2.Environment:
    # Built on first use, not on import. autoescape=True: every template here is HTML.
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("aieng.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, not silently blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = format_number
    return env


def render_page(template: str, *, generated_at: datetime | None, **context: Any) -> str:
    """Render one of the package templates with the shared footer data (version, UTC time)."""
    when = datetime.now(UTC) if generated_at is None else generated_at
    if when.tzinfo is None:
        raise UsageError(
            f"generated_at must carry a time zone, got the naive datetime {when.isoformat()}",
            hint="pass datetime(..., tzinfo=datetime.UTC).",
        )
    stamp = when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    page = _environment().get_template(template)
    return page.render(version=aieng.__version__, generated=stamp, **context)
