"""Which monthly projects are built: the single list ``aieng run`` dispatches to.

A month appears here only when its package really runs on real data and has tests. Planned
months are absent — ``aieng run`` says so instead of pretending (``aieng roadmap`` shows them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aieng.runs.result import RunConfig, RunResult


@dataclass(frozen=True)
class MonthProject:
    """How to run one month: its id, a title, its config class and its ``run`` function."""

    id: str  # "m03"
    title: str  # e.g. "Linear regression from scratch"
    config_class: type[RunConfig]  # built with ``out_dir`` and ``seed``; other fields default
    run: Callable[[Any], RunResult]  # the month package's ``run(config)``


# Months are added here as they are built, e.g.
# MonthProject("m03", "Linear regression from scratch", scratch.Config, scratch.run).
BUILT: tuple[MonthProject, ...] = ()


def built_months(registry: Sequence[MonthProject] | None = None) -> dict[str, MonthProject]:
    """The built months by id, in month order."""
    projects = BUILT if registry is None else registry
    return {p.id: p for p in sorted(projects, key=lambda p: p.id)}
