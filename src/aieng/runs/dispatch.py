"""Run a month into its own folder and record what it produced."""

from __future__ import annotations

import json
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aieng import __version__
from aieng.errors import NotFoundError, unknown_name
from aieng.extras import require
from aieng.io import atomic_write
from aieng.roadmap import load as load_roadmap
from aieng.roadmap import normalize_id
from aieng.runs.registry import MonthProject, built_months
from aieng.runs.result import RunResult
from aieng.settings import get_settings

PORTFOLIO_FILE = "index.html"


@dataclass(frozen=True)
class RunRecord:
    """A finished run: the month's result plus where and when it ran."""

    month: str
    title: str
    run_id: str
    run_dir: Path
    started_at: str  # UTC ISO 8601
    duration_s: float
    seed: int
    result: RunResult  # its paths point inside ``run_dir``

    def to_json(self) -> dict[str, object]:
        """The ``result.json`` document: paths relative to the run folder, so it can move."""
        return {
            "month": self.month,
            "title": self.title,
            "run_id": self.run_id,
            "started_at": self.started_at,
            "duration_s": round(self.duration_s, 3),
            "seed": self.seed,
            "aieng_version": __version__,
            "summary": self.result.summary,
            "metrics": dict(self.result.metrics),
            "report": self.result.report.relative_to(self.run_dir).as_posix(),
            "artifacts": {
                k: v.relative_to(self.run_dir).as_posix() for k, v in self.result.artifacts.items()
            },
        }


def resolve_month(month_id: str, registry: Sequence[MonthProject] | None = None) -> MonthProject:
    """The built project for ``month_id``, or an error saying whether it is planned or unknown."""
    month_id = normalize_id(month_id)
    built = built_months(registry)
    if month_id in built:
        return built[month_id]
    planned = {m.id: m for m in load_roadmap().months}
    if month_id in planned:
        names = ", ".join(built) or "none yet"
        raise NotFoundError(
            f"month {month_id} ({planned[month_id].title}) is planned, not built yet",
            hint=f"built months: {names}. `aieng roadmap show {month_id}` shows what it will be.",
        )
    raise unknown_name("month", month_id, built or planned, list_command="aieng run")


def _new_run_id() -> str:
    # Sortable by time, unique across two runs started in the same second.
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def run_month(
    month_id: str, *, seed: int = 0, registry: Sequence[MonthProject] | None = None
) -> RunRecord:
    """Run one built month into ``$AIENG_HOME/runs/<month>/<run-id>/`` and return its record.

    The month writes into a hidden ``.partial`` folder that is renamed into place only when
    the run succeeds, so a crashed run never leaves a folder that looks finished.
    """
    project = resolve_month(month_id, registry)
    require(*project.extras, by=f"aieng run {project.id}")
    month_dir = get_settings().runs_dir / project.id
    run_id = _new_run_id()
    partial = month_dir / f".{run_id}.partial"
    partial.mkdir(parents=True)
    started = datetime.now(UTC)
    clock = time.perf_counter()
    try:
        result = project.run(project.config_class(out_dir=partial, seed=seed))
        _check_outputs(project.id, result, partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    duration = time.perf_counter() - clock
    final = month_dir / run_id
    partial.rename(final)
    record = RunRecord(
        month=project.id,
        title=project.title,
        run_id=run_id,
        run_dir=final,
        started_at=started.isoformat(timespec="seconds"),
        duration_s=duration,
        seed=seed,
        result=_moved(result, partial, final),
    )
    atomic_write(final / "result.json", json.dumps(record.to_json(), indent=2) + "\n")
    atomic_write(month_dir / "latest", run_id + "\n")  # what the portfolio links to
    return record


def _check_outputs(month: str, result: RunResult, out_dir: Path) -> None:
    """A month must return files it really wrote inside its folder (a bug otherwise)."""
    for name, path in {"report": result.report, **result.artifacts}.items():
        if not path.is_file() or not path.resolve().is_relative_to(out_dir.resolve()):
            raise RuntimeError(f"{month} returned {name}={path}, not a file inside {out_dir}")


def _moved(result: RunResult, old: Path, new: Path) -> RunResult:
    def move(p: Path) -> Path:
        return new / p.resolve().relative_to(old.resolve())

    return RunResult(
        summary=result.summary,
        metrics=dict(result.metrics),
        report=move(result.report),
        artifacts={k: move(v) for k, v in result.artifacts.items()},
    )


def run_all(
    *,
    seed: int = 0,
    registry: Sequence[MonthProject] | None = None,
    on_month: Callable[[int, MonthProject], None] | None = None,
) -> tuple[list[RunRecord], Path]:
    """Run every built month in order, then write the portfolio page linking their reports.

    ``on_month(done, project)`` is called before each month starts (the CLI's progress bar).
    Returns the records and the path of ``index.html``.
    """
    months = built_months(registry).values()
    # Every month's extras before the first starts, not a missing one after minutes of work;
    # and the analysis extra's reports for the portfolio page.
    needed = dict.fromkeys(["analysis", *(e for p in months for e in p.extras)])
    require(*needed, by="aieng run all")
    from aieng.reports import PortfolioEntry, write_portfolio

    records = []
    for done, project in enumerate(months):
        if on_month is not None:
            on_month(done, project)
        records.append(run_month(project.id, seed=seed, registry=registry))
    built = {r.month for r in records}
    entries = [
        PortfolioEntry(
            month=r.month,
            title=r.title,
            summary=r.result.summary,
            metrics=dict(r.result.metrics),
            report=r.result.report,
        )
        for r in records
    ]
    planned = [(m.id, m.title) for m in load_roadmap().months if m.id not in built]
    index = write_portfolio(
        entries, get_settings().runs_dir / PORTFOLIO_FILE, title="aieng portfolio", planned=planned
    )
    return records, index
