"""Months 1, 2, 3, 5 and 10's reports, read as a learner reads them: no number says less than
it seems to, no axis counts something other than its label, no plot repeats a sentence.

Each test builds one section from a small table (no month is run) and fails on what a reader
of ``aieng run mNN`` was misled by before: a column "cells changed" 7,366 times on 7,113 rows,
a missingness axis that counted pixel blocks under the label "rows", a loss chart squashed flat
by the curve that diverged, k = 2.5 segments, two bars repeating 1,200 and 1,000.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aieng.clean import clean
from aieng.clean.report import build_report as clean_report
from aieng.clean.report import column_table
from aieng.explore import explore
from aieng.explore.figures import missing_overview
from aieng.explore.report import headline
from aieng.reports import Report, new_figure
from aieng.reports.builder import FigureBlock, NotesBlock, Section, TableBlock
from aieng.scratch.figures import gradient_descent_section
from aieng.segment.choose_k import KChoice
from aieng.segment.report import choose_k_section


def figures(sec: Section) -> list[FigureBlock]:
    return [b for b in sec.blocks if isinstance(b, FigureBlock)]


def notes(sec: Section) -> list[str]:
    return [i for b in sec.blocks if isinstance(b, NotesBlock) for i in b.items]


def drawn(monkeypatch: pytest.MonkeyPatch, target: str) -> list[Figure]:
    """Keep every figure ``target`` (a module's ``new_figure``) makes, to read its axes."""
    made: list[Figure] = []

    def keep(*args: object, **kwargs: object) -> object:
        fig, axes = new_figure(*args, **kwargs)  # type: ignore[arg-type]
        made.append(fig)
        return fig, axes

    monkeypatch.setattr(target, keep)
    return made


# ---------------------------------------------------------------- month 1


@pytest.fixture(scope="module")
def messy() -> tuple[pd.DataFrame, Report]:
    """Yes/no cells with stray spaces: each is trimmed, then parsed (two changes, one cell)."""
    before = pd.DataFrame(
        {"churn": [" No", "Yes ", " No ", "Yes", "No"] * 4, "plan": ["a", "b", "a", "b", "c"] * 4}
    )
    return before, clean_report(before, clean(before), title="t")


def test_a_cell_two_steps_changed_is_counted_as_two_changes_and_said_so(
    messy: tuple[pd.DataFrame, Report],
) -> None:
    before, report = messy
    table = column_table(before, clean(before))
    churn = table.set_index("column").loc["churn"]
    # 12 cells trimmed, all 20 rewritten as True/False: 32 changes on 20 rows.
    assert churn["changes (summed over steps)"] == 32 > len(before)
    assert "cells changed" not in table.columns
    (columns,) = [s for s in report.sections if s.title.startswith("Column by column")]
    assert "counts twice" in columns.intro
    assert dict(report.cards)["cell changes"] == "32"


def test_a_step_table_counts_cells_not_rows(messy: tuple[pd.DataFrame, Report]) -> None:
    _, report = messy
    (steps,) = [s for s in report.sections if s.title.startswith("What each step did")]
    (table,) = [b for b in steps.blocks if isinstance(b, TableBlock)]
    assert "cells changed" in table.columns and "rows touched" not in table.columns
    said = " ".join(notes(steps))
    assert "types: 20 cells were rewritten in their column's type (yes/no as True/False" in said


def test_the_change_log_has_no_chart_that_repeats_the_step_table(
    messy: tuple[pd.DataFrame, Report],
) -> None:
    _, report = messy
    (log,) = [s for s in report.sections if s.title.startswith("Change log")]
    assert not figures(log)


def test_a_blank_cell_is_missing_before_as_after() -> None:
    from aieng.clean.report import _bars

    _, ax = new_figure()
    _bars(ax, pd.Series(["", "  ", "a", "a", "b"]), pd.Series([None, None, "a", "a", "b"]))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels.count("<missing>") == 1 and "''" not in labels and "'  '" not in labels


# ---------------------------------------------------------------- month 2


def test_the_missingness_matrix_counts_rows_on_its_axis() -> None:
    frame = pd.DataFrame({"a": np.arange(6_000.0), "b": np.ones(6_000)})
    frame.loc[5_900, "a"] = np.nan
    fig = missing_overview(frame)
    matrix_axes = fig.axes[1]
    assert matrix_axes.get_xlim() == (0.0, 6_000.0)  # row numbers, not 400 pixel blocks
    assert "row number" in matrix_axes.get_xlabel()


def test_the_largest_gap_card_says_its_unit() -> None:
    rng = np.random.default_rng(0)
    group = rng.random(400) < 0.5
    frame = pd.DataFrame(
        {"senior": group, "x": rng.normal(size=400), "churn": rng.random(400) < 0.2 + 0.3 * group}
    )
    ex = explore(frame, target="churn", sensitive=["senior"])
    (label,) = [k for k in headline(ex) if k.startswith("largest gap")]
    assert " points [" in str(headline(ex)[label]) and "95% interval" in label


# ---------------------------------------------------------------- month 3


def test_the_loss_chart_shows_the_curves_that_converge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = drawn(monkeypatch, "aieng.scratch.figures.new_figure")
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
    y = pd.Series(X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=200))
    report = Report(title="t")
    gradient_descent_section(report, X, y, learning_rates=(0.01, 0.5, 2.5), max_iter=200)
    (ax,) = made[0].axes
    converged_start = max(line.get_ydata()[0] for line in ax.get_lines()[:2])
    assert ax.get_ylim()[1] < 2 * converged_start  # the diverged curve (1e3 and up) is cut
    said = notes(report.sections[0])
    assert said[0].startswith("η = 0.01: loss") and "before converging" in said[0]
    assert "converged after" in said[1]
    assert "; the fix: lower learning_rate" in said[2]


# ---------------------------------------------------------------- month 5


def test_k_is_ticked_in_whole_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    made = drawn(monkeypatch, "aieng.segment.report.new_figure")
    choice = KChoice(
        ks=(2, 3, 4, 5, 6),
        inertia=np.array([9.0, 7.0, 5.0, 4.5, 4.2]),
        silhouette=np.array([0.20, 0.19, 0.197, 0.18, 0.17]),
        elbow_k=4,
        best_k=4,
        sample_size=3_000,
        tolerance=0.01,
    )
    choose_k_section(Report(title="t"), choice)
    for ax in made[0].axes:
        assert list(ax.get_xticks()) == [2, 3, 4, 5, 6]


# ---------------------------------------------------------------- month 10


def test_the_prediction_log_section_says_its_counts_and_its_clock() -> None:
    from aieng.serve.project import Served, _log_section

    logged = pd.DataFrame(
        {
            "id": [f"{i:032x}" for i in range(5)],
            "created_at": pd.Timestamp("2026-01-01", tz="UTC"),
            "model_version": "1",
            "probability": [0.1, 0.2, 0.6, 0.4, 0.9],
            "decision": [False, False, True, True, True],
            "latency_ms": 1.4,
            "outcome": [True, None, False, True, None],
        }
    )
    served = Served(
        info={},
        frame=pd.DataFrame(),
        scored=pd.DataFrame(),
        latencies=np.array([20.0]),
        batch_seconds=1.0,
        errors=[],
        logged=logged,
        metrics_text="",
    )
    report = Report(title="t")
    assert _log_section(report, served) == 3
    (sec,) = report.sections
    assert not figures(sec)  # two bars of 5 and 3 would repeat the first note
    said = notes(sec)
    assert said[0] == "5 predictions logged; 3 with feedback."
    assert "latency_ms is the service's own time" in said[1]
