"""The report builder, the plot style and the portfolio page (aieng.reports)."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import matplotlib
import numpy as np
import pandas as pd
import pytest

import aieng
from aieng.errors import InputFileError, UsageError
from aieng.reports import (
    PALETTE,
    PortfolioEntry,
    Report,
    format_number,
    new_figure,
    style_context,
    write_portfolio,
)

FIXED = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EVIL = "<script>alert('x')</script>"


class Tags(HTMLParser):
    """Collect every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for t, attrs in self.tags if t == tag]


def sample_report(*, fmt: str = "png") -> Report:
    """A small but complete report: cards, two sections, two figures, a table, notes."""
    rep = Report(title="Month 3 — regression", subtitle="Wage, 3,000 rows", generated_at=FIXED)
    rep.metrics({"R² (test)": 0.8312, "Rows": 3000})
    sec = rep.section("Loss curves", intro="Why the largest rate diverges.")
    sec.text("First paragraph.\n\nSecond paragraph.")
    fig, ax = new_figure()
    ax.plot(np.arange(10), np.arange(10) ** 2)
    sec.figure(fig, caption="Loss per epoch", alt="loss falls", fmt=fmt)  # type: ignore[arg-type]
    fig, axes = new_figure(1, 2)
    axes[0].scatter(np.arange(50), np.sin(np.arange(50)))
    axes[1].hist(np.arange(50) % 7)
    sec.figure(fig, caption="Residuals")
    tab = rep.section("Coefficients")
    tab.table(pd.DataFrame({"name": ["a", "b"], "coef": [0.8312, 12345.6], "n": [3000, 12]}))
    tab.notes(["Age matters.", "Year adds a trend."])
    return rep


# --- number formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.8312, "0.831"),
        (35.2, "35.2"),
        (12345.6, "12,346"),
        (999.7, "1,000"),  # rounds up past 3 digits: no "1e+03"
        (3000, "3,000"),
        (np.int64(1234567), "1,234,567"),
        (np.float32(0.5), "0.5"),
        (0.0, "0"),
        (-0.25, "-0.25"),
        (1.5e-05, "1.5e-05"),
        (float("nan"), "—"),
        (None, "—"),
        (pd.NA, "—"),
        (pd.NaT, "—"),
        (float("inf"), "∞"),
        (True, "True"),
        ("n/a", "n/a"),
    ],
)
def test_format_number(value: object, expected: str) -> None:
    assert format_number(value) == expected


def test_format_number_rejects_zero_digits() -> None:
    with pytest.raises(UsageError, match="digits must be at least 1, got 0"):
        format_number(1.0, digits=0)


# --- the report: one self-contained file --------------------------------------------------------


def test_report_is_one_file_with_embedded_valid_pngs(tmp_path: Path) -> None:
    out = sample_report().write(tmp_path / "report.html")

    assert out == tmp_path / "report.html"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no side files, no temp files
    images = Tags(out.read_text(encoding="utf-8")).all("img")
    assert len(images) == 2
    for img in images:
        assert img["src"].startswith("data:image/png;base64,")
        png = base64.b64decode(img["src"].split(",", 1)[1], validate=True)
        assert png[:8] == PNG_MAGIC
        assert int(img["width"]) > 100  # shown at its physical size, not as a thumbnail
    assert [img["alt"] for img in images] == [
        "loss falls",
        "Residuals",
    ]  # alt falls back to caption


def test_svg_figures_are_embedded_as_data_uris() -> None:
    html = sample_report(fmt="svg").render()

    srcs = [img["src"] for img in Tags(html).all("img")]
    assert srcs[0].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(srcs[0].split(",", 1)[1]).decode("utf-8")
    assert "<svg" in svg and "<dc:date>" not in svg  # no date metadata: reproducible
    assert "<svg" not in html  # not inline: ids of different figures would collide


def test_report_references_nothing_outside_the_file() -> None:
    html = sample_report().render()

    refs = [v for _, attrs in Tags(html).tags for k, v in attrs.items() if k in {"src", "href"}]
    assert refs, "the page should at least link its sections"
    assert all(r.startswith(("data:", "#")) for r in refs), refs
    for forbidden in ("http://", "https://", "<script", "<link", "@import", "url(", "@font-face"):
        assert forbidden not in html


def test_user_text_is_escaped_everywhere() -> None:
    rep = Report(title=EVIL, subtitle=EVIL, generated_at=FIXED)
    rep.metrics({EVIL: EVIL})
    sec = rep.section(EVIL, intro=EVIL)
    sec.text(EVIL).notes([EVIL])
    fig, _ = new_figure()
    sec.figure(fig, caption=EVIL, alt=EVIL)
    sec.table(pd.DataFrame({EVIL: [EVIL]}), caption=EVIL)

    html = rep.render()

    assert "<script" not in html
    # title, h1, subtitle, card label+value, toc, h2, intro, text, note, figcaption, table x3
    assert html.count("&lt;script&gt;") >= 14
    assert Tags(html).all("img")[0]["alt"] == EVIL  # attribute escaped, value intact


def test_table_numbers_are_formatted_and_right_aligned() -> None:
    html = sample_report().render()

    cells = re.findall(r'<td( class="num")?>([^<]*)</td>', html)
    assert cells == [
        ("", "a"),
        (' class="num"', "0.831"),
        (' class="num"', "3,000"),
        ("", "b"),
        (' class="num"', "12,346"),
        (' class="num"', "12"),
    ]
    assert '<th scope="col" class="num">coef</th>' in html
    assert '<th scope="col">name</th>' in html


def test_long_tables_are_truncated_with_a_note() -> None:
    rep = Report(title="t", generated_at=FIXED)
    rep.section("Data").table(pd.DataFrame({"x": range(3000)}), max_rows=5)

    html = rep.render()

    assert html.count("<td") == 5
    assert "Showing the first 5 of 3,000 rows." in html


def test_index_is_shown_only_when_it_carries_information() -> None:
    df = pd.DataFrame({"group": ["a", "b", "a"], "y": [1.0, 2.0, 3.0]})
    rep = Report(title="t", generated_at=FIXED)
    sec = rep.section("Tables")
    sec.table(df.groupby("group").mean())  # named index: shown
    sec.table(df[df["y"] > 1])  # filtered row numbers: hidden

    heads = re.findall(r"<thead>\s*<tr>(.*?)</tr>", rep.render(), flags=re.S)

    assert re.findall(r">([^<]+)</th>", heads[0]) == ["group", "y"]
    assert re.findall(r">([^<]+)</th>", heads[1]) == ["group", "y"]
    assert "<td>a</td>" in rep.render()


def test_bad_table_arguments_raise_clear_errors() -> None:
    sec = Report(title="t").section("s")
    with pytest.raises(UsageError, match="max_rows must be at least 1, got 0"):
        sec.table(pd.DataFrame({"x": [1]}), max_rows=0)
    with pytest.raises(UsageError, match="needs a pandas DataFrame or Series, got list"):
        sec.table([1, 2])  # type: ignore[arg-type]


def test_toc_links_match_unique_section_ids() -> None:
    rep = Report(title="t", generated_at=FIXED)
    for title in ("Loss curves", "Loss curves", "R² ≥ 0.3!", "???"):
        rep.section(title)

    tags = Tags(rep.render())
    toc = [a["href"] for a in tags.all("a")]
    ids = [s["id"] for s in tags.all("section") if "id" in s]

    assert ids == ["sec-loss-curves", "sec-loss-curves-2", "sec-r2-0-3", "sec-section"]
    assert toc == [f"#{i}" for i in ids]


def test_footer_has_version_and_utc_time() -> None:
    html = sample_report().render()
    assert f"aieng {aieng.__version__}" in html
    assert '<time datetime="2025-01-02T03:04:05Z">' in html

    live = Report(title="t").render()  # no fixed time: now, in UTC
    stamp = re.search(r'<time datetime="([^"]+)"', live)
    assert stamp is not None
    when = datetime.fromisoformat(stamp.group(1).replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - when) < timedelta(minutes=5)


def test_naive_timestamp_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    rep = Report(title="t", generated_at=datetime(2025, 1, 1))
    with pytest.raises(UsageError, match="generated_at must carry a time zone"):
        rep.write(tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_fixed_timestamp_gives_byte_identical_output(tmp_path: Path, fmt: str) -> None:
    first = sample_report(fmt=fmt).write(tmp_path / "a.html").read_bytes()
    second = sample_report(fmt=fmt).write(tmp_path / "b.html").read_bytes()
    assert first == second


def test_failed_write_keeps_the_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def half_write(self: Path, data: bytes) -> int:
        with open(self, "wb") as fh:
            fh.write(data[: len(data) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", half_write)
    # An error the user can act on (naming the file), not a bare OSError reported as a bug.
    with pytest.raises(InputFileError, match=r"cannot write '.*report\.html': disk full"):
        sample_report().write(target)

    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # temp file cleaned up


def test_print_css_hides_nav_and_keeps_figures_whole() -> None:
    html = sample_report().render()
    print_css = html[html.index("@media print") :]
    assert re.search(r"\.toc\s*\{\s*display:\s*none", print_css)
    assert re.search(r"figure[^{]*\{[^}]*break-inside:\s*avoid", print_css)


def test_pyplot_figures_are_closed_after_embedding() -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure()
    num = fig.number
    Report(title="t").section("s").figure(fig)
    assert not plt.fignum_exists(num)


# --- the plot style -----------------------------------------------------------------------------


def test_new_figure_styles_axes_without_touching_rcparams() -> None:
    before = dict(matplotlib.rcParams)

    fig, ax = new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    _, grid = new_figure(2, 3)

    assert dict(matplotlib.rcParams) == before
    assert line.get_color() == PALETTE[0]  # our palette, not matplotlib's default blue
    assert not ax.spines["top"].get_visible()
    assert fig.get_size_inches().tolist() == [7.0, 4.0]
    assert grid.shape == (2, 3)
    assert new_figure(1, 3)[1].shape == (3,)  # same squeezing as pyplot.subplots


def test_style_context_applies_then_restores() -> None:
    before = dict(matplotlib.rcParams)
    with style_context():
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == list(PALETTE)
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert dict(matplotlib.rcParams) == before


def test_new_figure_rejects_bad_sizes() -> None:
    with pytest.raises(UsageError, match="at least one row and one column of axes, got 0×1"):
        new_figure(0)
    with pytest.raises(UsageError, match="figure size must be positive"):
        new_figure(width=-1)


def test_import_has_no_side_effects() -> None:
    # A fresh interpreter: this test process has already imported everything.
    code = (
        # rcParams.copy(): reading rcParams["backend"] (as dict() would) itself imports pyplot.
        "import sys, matplotlib\n"
        "before = matplotlib.rcParams.copy()\n"
        "import aieng.reports\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert matplotlib.rcParams.copy() == before, 'rcParams changed'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- the portfolio page -------------------------------------------------------------------------


def _month_items(html: str) -> dict[str, str]:
    """Map month id -> the HTML of its list item."""
    items = re.findall(r'<li class="month[^"]*">.*?</li>', html, flags=re.S)
    return {re.search(r'class="badge">([^<]+)<', item).group(1): item for item in items}  # type: ignore[union-attr]


def test_portfolio_links_are_relative_and_resolve(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    reports = {}
    for month in ("m03", "m01"):
        reports[month] = sample_report().write(runs / month / "run 1" / "report.html")
    entries = [
        PortfolioEntry(m, f"Month {m}", "It works.", {"R²": 0.8312, "Rows": 3000}, reports[m])
        for m in ("m03", "m01")
    ]
    index = write_portfolio(entries, runs / "index.html", generated_at=FIXED)

    html = index.read_text(encoding="utf-8")
    hrefs = sorted({a["href"] for a in Tags(html).all("a")})
    assert hrefs == ["m01/run%201/report.html", "m03/run%201/report.html"]
    for href in hrefs:
        assert (index.parent / unquote(href)).resolve().is_file()
    months = _month_items(html)
    assert list(months) == ["m01", "m03"]  # sorted by month id
    assert "<dd>0.831</dd>" in months["m01"] and "<dd>3,000</dd>" in months["m01"]
    assert "https://" not in html and "<script" not in html


def test_portfolio_shows_planned_months_without_numbers(tmp_path: Path) -> None:
    report = sample_report().write(tmp_path / "m01" / "report.html")
    entry = PortfolioEntry("m01", "Python foundations", "Cleaned data.", {"Rows": 3000}, report)
    index = write_portfolio(
        [entry], tmp_path / "index.html", planned=[("m02", "EDA"), ("m12", "Capstone")]
    )

    html = index.read_text(encoding="utf-8")
    months = _month_items(html)
    assert list(months) == ["m01", "m02", "m12"]
    for month in ("m02", "m12"):
        assert 'class="month planned"' in months[month]
        assert "planned</span>" in months[month]
        assert "<dd>" not in months[month] and "<a " not in months[month]
    assert "planned" not in months["m01"]
    assert "1 of 3 months built" in html


def test_portfolio_refuses_missing_reports_and_duplicates(tmp_path: Path) -> None:
    missing = PortfolioEntry("m04", "Features", "…", {}, tmp_path / "nope.html")
    with pytest.raises(InputFileError, match="the report for m04 does not exist") as err:
        write_portfolio([missing], tmp_path / "index.html")
    assert "aieng run m04" in err.value.hint

    report = sample_report().write(tmp_path / "r.html")
    built = PortfolioEntry("m04", "Features", "…", {}, report)
    with pytest.raises(UsageError, match="appear more than once in the portfolio: m04"):
        write_portfolio([built], tmp_path / "index.html", planned=[("m04", "Features")])
    assert not (tmp_path / "index.html").exists()
