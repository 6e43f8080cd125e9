"""The run dispatcher: folders, result.json, failures, unknown and planned months, portfolio."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from aieng.errors import NotFoundError
from aieng.reports import Report
from aieng.runs import MonthProject, RunConfig, RunResult, run_all, run_month
from aieng.runs.registry import BUILT


@dataclass(frozen=True, kw_only=True)
class TinyConfig(RunConfig):
    n: int = 5  # how many numbers to sum


def tiny_run(config: TinyConfig) -> RunResult:
    """A real (if small) project: it computes something and reports it."""
    total = float(sum(range(config.n + config.seed)))
    report = Report(title="Tiny", subtitle="a test month")
    report.metrics({"total": total})
    path = report.write(config.out_dir / "report.html")
    data = config.out_dir / "numbers.txt"
    data.write_text(str(total))
    return RunResult(
        summary=f"Summed to {total:g}.",
        metrics={"total": total},
        report=path,
        artifacts={"numbers": data},
    )


def broken_run(config: TinyConfig) -> RunResult:
    (config.out_dir / "half.txt").write_text("half")
    raise ValueError("boom")


TINY = MonthProject("m03", "Tiny project", TinyConfig, tiny_run)
BROKEN = MonthProject("m04", "Broken project", TinyConfig, broken_run)


def test_no_month_is_registered_before_it_is_built() -> None:
    # Honesty check: every registered month must be a real package, never a placeholder.
    for project in BUILT:
        assert project.run.__module__.startswith("aieng."), project


def test_run_writes_a_published_folder_with_result_json(aieng_home: Path) -> None:
    record = run_month("m3", seed=2, registry=[TINY])  # "m3" is read as "m03"
    assert record.month == "m03"
    assert record.run_dir.parent == aieng_home / "runs" / "m03"
    assert record.run_dir.name == record.run_id
    assert record.result.metrics == {"total": 21.0}  # sum(range(7))
    assert record.result.report.is_file() and record.result.report.parent == record.run_dir
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m03" and doc["seed"] == 2 and doc["report"] == "report.html"
    assert doc["artifacts"] == {"numbers": "numbers.txt"}
    assert (aieng_home / "runs" / "m03" / "latest").read_text().strip() == record.run_id
    assert not list((aieng_home / "runs" / "m03").glob(".*partial"))


def test_a_failed_run_leaves_no_folder_behind(aieng_home: Path) -> None:
    with pytest.raises(ValueError, match="boom"):
        run_month("m04", registry=[BROKEN])
    assert list((aieng_home / "runs" / "m04").iterdir()) == []


def test_planned_month_says_it_is_planned() -> None:
    with pytest.raises(
        NotFoundError, match=r"month m07 \(Neural Networks and Deep Learning\) is planned"
    ) as err:
        run_month("m07", registry=[TINY])
    assert err.value.hint.startswith("built months: m03.")


def test_unknown_month_suggests_the_closest() -> None:
    with pytest.raises(NotFoundError, match=r"unknown month 'm13'") as err:
        run_month("m13", registry=[TINY])
    assert "Run `aieng run` to see them all." in err.value.hint


def test_run_all_writes_a_portfolio_linking_each_report(aieng_home: Path) -> None:
    seen: list[str] = []
    records, index = run_all(registry=[TINY], on_month=lambda i, p: seen.append(p.id))
    assert seen == ["m03"] and len(records) == 1
    assert index == aieng_home / "runs" / "index.html"
    html = index.read_text()
    link = records[0].result.report.relative_to(index.parent).as_posix()
    assert f'href="{link}"' in html
    assert "Summed to 10." in html
    assert "planned" in html and "m12" in html  # months not built are listed as planned
