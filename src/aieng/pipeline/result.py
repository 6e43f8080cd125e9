"""What a pipeline run did and found: the one value a run returns, its report reads and the
CLI prints (apart from the runner, so the report does not import the code that calls it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.evaluation import Evaluation
from aieng.pipeline.gates import Decision
from aieng.pipeline.stages import StageRecord
from aieng.supervised.comparison import Comparison


@dataclass
class PipelineResult:
    """What a pipeline run did and found."""

    config: PipelineConfig
    run_id: str
    tracking_uri: str
    stages: list[StageRecord]
    comparison: Comparison
    evaluation: Evaluation  # the candidate, baseline and champion on the held-out rows
    decision: Decision
    model_version: str | None  # None when the gates rejected the model
    report: Path
    workspace: Path
    data_hash: str
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # per stage
