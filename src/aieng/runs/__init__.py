"""Running the monthly projects: one entry point per month, one place for their outputs.

Each month package exposes ``run(config) -> RunResult``. :func:`run_month` gives it a fresh
folder, times it, and publishes the folder as ``$AIENG_HOME/runs/mNN/<run-id>/`` with a
``result.json``; :func:`run_all` runs every built month and writes the portfolio page.
"""

from aieng.runs.dispatch import RunRecord, run_all, run_month
from aieng.runs.registry import BUILT, MonthProject, built_months
from aieng.runs.result import RunConfig, RunResult

__all__ = [
    "BUILT",
    "MonthProject",
    "RunConfig",
    "RunRecord",
    "RunResult",
    "built_months",
    "run_all",
    "run_month",
]
