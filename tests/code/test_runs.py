"""The run dispatcher: folders, result.json, failures, unknown and planned months, portfolio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.errors import NotFoundError
from aieng.runs import MonthProject, RunConfig, run_all, run_month
from aieng.runs.registry import BUILT

TINY = MonthProject("m03", "Tiny project", "tiny_month")  # tests/code/tiny_month.py
BROKEN = MonthProject("m04", "Broken project", "broken_month")


def test_every_registered_month_is_a_real_package() -> None:
    # Honesty check: a registered month is a module of aieng with a Config and a run().
    for project in BUILT:
        assert project.module.startswith("aieng."), project
        assert project.run.__module__ == project.module
        assert issubclass(project.config_class, RunConfig)


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
