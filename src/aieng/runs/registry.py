"""Which monthly projects are built: the single list ``aieng run`` dispatches to.

A month appears here only when its package really runs on real data and has tests. Planned
months are absent — ``aieng run`` says so instead of pretending (``aieng roadmap`` shows them).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from aieng.runs.result import RunConfig, RunResult


@dataclass(frozen=True)
class MonthProject:
    """How to run one month: its id, a title, and the module holding ``Config`` and ``run``.

    The module is imported only when the month runs, so listing months (``aieng run``,
    ``aieng roadmap``) never pays for importing scikit-learn or PyTorch.
    """

    id: str  # "m03"
    title: str  # e.g. "Linear regression from scratch"
    module: str  # e.g. "aieng.scratch.project": defines ``Config(RunConfig)`` and ``run``
    # The extras of pyproject.toml its code needs (aieng.extras): checked before it is imported,
    # by `aieng run` and by learn mode for the month's exercises.
    extras: tuple[str, ...] = ()

    @property
    def config_class(self) -> type[RunConfig]:
        """The month's config dataclass, built with ``out_dir`` and ``seed``."""
        return cast(type[RunConfig], importlib.import_module(self.module).Config)

    @property
    def run(self) -> Callable[[Any], RunResult]:
        """The month's ``run(config) -> RunResult``."""
        return cast(Callable[[Any], RunResult], importlib.import_module(self.module).run)


# A month is listed here once its package really runs on real data and has tests.
BUILT: tuple[MonthProject, ...] = (
    MonthProject(
        "m01", "Data cleaning that logs every change", "aieng.clean.project", ("analysis",)
    ),
    MonthProject(
        "m02",
        "Exploratory data analysis with a bias audit",
        "aieng.explore.project",
        ("analysis",),
    ),
    MonthProject("m03", "Linear regression from scratch", "aieng.scratch.project", ("analysis",)),
    MonthProject("m04", "Supervised model comparison", "aieng.supervised.project", ("analysis",)),
    MonthProject(
        "m05", "Customer segmentation with clustering", "aieng.segment.project", ("analysis",)
    ),
    MonthProject(
        "m06",
        "The ML pipeline with tracking and a registry",
        "aieng.pipeline.project",
        ("pipeline",),
    ),
    # Month 10 serves the month-6 champion, and trains one first when the registry has none.
    MonthProject(
        "m10", "The model as a REST service", "aieng.serve.project", ("pipeline", "serve")
    ),
)


def built_months(registry: Sequence[MonthProject] | None = None) -> dict[str, MonthProject]:
    """The built months by id, in month order."""
    projects = BUILT if registry is None else registry
    return {p.id: p for p in sorted(projects, key=lambda p: p.id)}
