"""What a pipeline run records in MLflow: its parameters, its metrics and tags, and the
metadata a registered model carries for the service that will load it."""

from __future__ import annotations

import time
from typing import Any

from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.evaluation import Evaluation
from aieng.pipeline.gates import Decision
from aieng.pipeline.stages import StageRecord, describe
from aieng.registry import tracking
from aieng.supervised.comparison import Comparison


def model_metadata(
    config: PipelineConfig, c: Comparison, evaluation: Evaluation, data_hash: str
) -> dict[str, Any]:
    """What a server needs beside the model: the contract, the target, the threshold, metrics."""
    return {
        "aieng_pipeline": config.name,
        "contract": config.contract.to_dict(),
        "target": config.data.target,
        "positive_class": c.target.positive_class,
        "negative_class": c.target.negative_class,
        "features": c.features,
        "dropped": list(config.data.drop),
        "threshold": None if c.threshold is None else c.threshold.threshold,
        "primary_metric": evaluation.primary,
        "test_scores": evaluation.test,
        "data_hash": data_hash,
    }


def log_params(client: Any, run_id: str, config: PipelineConfig) -> None:
    from mlflow.entities import Param

    params = [Param(k, v[:6000]) for k, v in config.params().items()]
    client.log_batch(run_id, params=params)


def log_results(
    client: Any,
    run_id: str,
    c: Comparison,
    evaluation: Evaluation,
    decision: Decision,
    version: str | None,
    records: list[StageRecord],
) -> None:
    from mlflow.entities import Metric

    now = int(time.time() * 1000)
    metrics = [Metric(f"test_{k}", float(v), now, 0) for k, v in evaluation.test.items()]
    metrics += [
        Metric(f"baseline_test_{k}", float(v), now, 0) for k, v in evaluation.baseline.items()
    ]
    if evaluation.champion is not None:
        metrics += [
            Metric(f"champion_test_{k}", float(v), now, 0) for k, v in evaluation.champion.items()
        ]
    winner = c.leaderboard.iloc[0]
    for metric in evaluation.test:
        metrics.append(Metric(f"cv_{metric}", float(winner[metric]), now, 0))
        if f"{metric}_std" in winner.index:
            metrics.append(Metric(f"cv_{metric}_std", float(winner[f"{metric}_std"]), now, 0))
    folds = c.scores[(c.scores["model"] == c.winner)].sort_values("fold")
    for metric, valid, fold in zip(folds["metric"], folds["valid"], folds["fold"], strict=True):
        metrics.append(Metric(f"fold_{metric}", float(valid), now, int(fold)))
    if c.threshold is not None:
        metrics.append(Metric("threshold", float(c.threshold.threshold), now, 0))
    metrics += [
        Metric("rows_train", float(evaluation.rows_train), now, 0),
        Metric("rows_test", float(evaluation.rows_test), now, 0),
    ]
    for i in range(0, len(metrics), 900):  # MLflow takes at most 1000 metrics per batch
        client.log_batch(run_id, metrics=metrics[i : i + 900])
    tags = {
        tracking.WINNER: c.winner,
        tracking.DECISION: decision.outcome,
        tracking.REASON: decision.reason,
        tracking.PRIMARY: evaluation.primary,
        tracking.STAGES: describe(records),
    }
    if version is not None:
        tags[tracking.MODEL_VERSION] = version
    for key, value in tags.items():
        client.set_tag(run_id, key, value)
