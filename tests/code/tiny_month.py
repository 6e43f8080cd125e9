"""Two small month projects for the dispatcher tests: one that works, one that crashes.

They are real modules (the registry imports a month by module name), kept out of ``src``
because they teach nothing but the dispatcher's contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from aieng.reports import Report
from aieng.runs import RunConfig, RunResult


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    n: int = 5  # how many numbers to sum


def run(config: Config) -> RunResult:
    """Compute something small and report it."""
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
