"""Month 6's project: the churn pipeline end to end, leaving a champion in the registry.

``aieng run m06``

Runs ``churn.toml`` (Telco churn, its data contract, month 1's cleaning, month 4's comparison,
the gates) against the embedded MLflow store under ``$AIENG_HOME/mlflow``. The first run
registers version 1 of the model ``churn`` and gives it the ``champion`` alias, which month 10's
service loads (``models:/churn@champion``); a rerun with nothing changed skips every stage and
registers nothing new. The report goes to the run folder; the stage outputs stay in
``$AIENG_HOME/pipelines/churn`` so the next run can reuse them.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from aieng.pipeline.config import load_config
from aieng.pipeline.runner import run_pipeline
from aieng.runs.result import RunConfig, RunResult
from aieng.supervised.evaluate import NAMES


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 6 settings; every field has a default, so ``aieng run m06`` needs none."""

    pipeline: Path | None = None  # a pipeline TOML; None: the packaged churn pipeline
    tracking_uri: str | None = None  # None: the embedded store under $AIENG_HOME/mlflow
    force: bool = False  # rerun every stage even when its inputs did not change


def run(config: Config) -> RunResult:
    """Run the pipeline; the report is written into ``out_dir``."""
    pipeline = load_config(config.pipeline)
    # The run's one seed is the split's (and every model's) seed.
    pipeline = pipeline.model_copy(
        update={"split": pipeline.split.model_copy(update={"seed": config.seed})}
    )
    result = run_pipeline(
        pipeline,
        tracking_uri=config.tracking_uri,
        report_path=config.out_dir / "report.html",
        force=config.force,
    )
    ev = result.evaluation
    primary = ev.primary
    metrics = {f"test_{k}": float(v) for k, v in ev.test.items()}
    metrics[f"baseline_test_{primary}"] = float(ev.baseline[primary])
    if ev.champion is not None:
        metrics[f"champion_test_{primary}"] = float(ev.champion[primary])
    metrics["stages_skipped"] = float(sum(s.status == "skipped" for s in result.stages))
    version = result.model_version
    summary = (
        f"{result.comparison.winner}: {NAMES.get(primary, primary)} "
        f"{ev.test[primary]:.3f} on held-out rows (baseline {ev.baseline[primary]:.3f}); "
        f"{result.decision.outcome}"
        + (f", model '{pipeline.name}' version {version}." if version else ".")
    )
    # The run folder gets copies: the workspace is overwritten by the next pipeline run.
    artifacts = {}
    for name, source in {
        "evaluation": result.workspace / "evaluate" / "evaluation.json",
        "leaderboard": result.workspace / "train" / "leaderboard.csv",
        "split": result.workspace / "split" / "split.json",
    }.items():
        artifacts[name] = config.out_dir / source.name
        shutil.copyfile(source, artifacts[name])
    return RunResult(summary=summary, metrics=metrics, report=result.report, artifacts=artifacts)
