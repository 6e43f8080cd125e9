"""The contract between a month's project and the dispatcher."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class RunConfig:
    """Settings every month's config has; a month subclasses it and adds its own fields.

    The dispatcher fills ``out_dir``; a user of the library may pass any folder.
    """

    out_dir: Path  # where the run writes its report, figures and models (exists, empty)
    seed: int = 0  # the one seed for every random choice in the run, so reruns match


@dataclass(frozen=True, kw_only=True)
class RunResult:
    """What a month's ``run(config)`` returns: its numbers, a sentence, and its files."""

    summary: str  # one sentence with the headline result, for the portfolio page
    metrics: Mapping[str, float]  # headline numbers, e.g. {"roc_auc_test": 0.84}
    report: Path  # the HTML report, inside ``config.out_dir``
    artifacts: Mapping[str, Path] = field(default_factory=dict)  # other outputs by name
