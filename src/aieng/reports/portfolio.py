"""The portfolio page: one ``index.html`` linking every month's report with its headline numbers.

``aieng run all`` ends here. Links are *relative* to the page, so the whole runs folder can be
zipped, moved or opened from a USB stick and still work. Months not built yet are listed as
"planned", with no numbers: the page never suggests results that do not exist.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from aieng.errors import InputFileError, UsageError
from aieng.io import atomic_write
from aieng.reports.builder import Metric, render_page
from aieng.reports.style import format_number


@dataclass(frozen=True)
class PortfolioEntry:
    """One built month, as the portfolio shows it."""

    month: str  # month id, e.g. "m03"; entries are listed in this order
    title: str  # e.g. "Linear regression from scratch"
    summary: str  # one sentence: what was built and what it found
    metrics: Mapping[str, Metric]  # headline numbers, e.g. {"R² (test)": 0.31}
    report: Path  # the month's report.html; must exist when the page is written


def _relative_href(target: Path, page_dir: Path) -> str:
    # relpath, then POSIX separators and percent-encoding: a valid URL on every OS, even for
    # folders with spaces.
    rel = os.path.relpath(target.resolve(), page_dir.resolve())
    return quote(Path(rel).as_posix())


def write_portfolio(
    entries: Sequence[PortfolioEntry],
    path: Path,
    *,
    title: str = "aieng — portfolio",
    subtitle: str | None = None,
    planned: Sequence[tuple[str, str]] = (),
    generated_at: datetime | None = None,
) -> Path:
    """Write the portfolio page to ``path`` atomically and return ``path``.

    ``planned`` holds ``(month id, title)`` pairs for months without a report yet. Months are shown
    sorted by id; ``subtitle`` defaults to "N of M months built".
    """
    path = Path(path)
    ids = [e.month for e in entries] + [month for month, _ in planned]
    duplicates = sorted({m for m in ids if ids.count(m) > 1})
    if duplicates:
        raise UsageError(
            f"month ids appear more than once in the portfolio: {', '.join(duplicates)}",
            hint="list each month once, either as built (with a report) or as planned.",
        )
    months: list[dict[str, object]] = []
    for e in entries:
        if not Path(e.report).is_file():
            raise InputFileError(
                f"the report for {e.month} does not exist: {str(e.report)!r}",
                hint=f"run `aieng run {e.month}` first, or list {e.month} as planned.",
            )
        months.append(
            {
                "id": e.month,
                "title": e.title,
                "summary": e.summary,
                "cards": [(k, format_number(v)) for k, v in e.metrics.items()],
                "href": _relative_href(Path(e.report), path.parent),
            }
        )
    for month, month_title in planned:
        months.append({"id": month, "title": month_title, "summary": "", "cards": [], "href": ""})
    months.sort(key=lambda m: str(m["id"]))
    if subtitle is None:
        subtitle = f"{len(entries)} of {len(months)} months built"
    html = render_page(
        "portfolio.html.j2",
        generated_at=generated_at,
        title=title,
        subtitle=subtitle,
        months=months,
    )
    return atomic_write(path, html)
