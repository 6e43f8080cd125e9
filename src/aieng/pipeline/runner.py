"""``run_pipeline(config)``: ingest → validate → clean → split → features → train → evaluate →
register, with every run tracked in MLflow and every unchanged stage skipped.

One invocation is one MLflow run. It is created first, so a stage that fails marks it FAILED
(with the stage and the message as tags) and the stages before it keep their outputs. A stage
whose inputs did not change is skipped (:mod:`aieng.pipeline.stages`) and its earlier outputs
are reused, so the run still logs every metric and the report is whole.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import joblib  # type: ignore[import-untyped]

from aieng.contract import ContractViolation
from aieng.io import check_output
from aieng.pipeline import data, modelling
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.gates import Decision
from aieng.pipeline.plan import PLAN, STAGES, RunFacts
from aieng.pipeline.stages import Inputs, StageRecord, Status, Workspace, describe
from aieng.registry import models, provenance, tracking, versions
from aieng.settings import get_settings
from aieng.supervised.comparison import Comparison


class Listener(Protocol):
    """What a front end (the CLI's progress display) hears while the pipeline runs."""

    def started(self, stage: str) -> None: ...  # a stage begins (or is checked for reuse)
    def step(self, text: str) -> None: ...  # a step inside a long stage (training)
    def finished(self, record: StageRecord) -> None: ...  # ran, skipped or failed


class _Silent:
    def started(self, stage: str) -> None:
        pass

    def step(self, text: str) -> None:
        pass

    def finished(self, record: StageRecord) -> None:
        pass


@dataclass
class PipelineResult:
    """What a pipeline run did and found."""

    config: PipelineConfig
    run_id: str
    tracking_uri: str
    stages: list[StageRecord]
    comparison: Comparison
    evaluation: dict[str, Any]  # test / baseline / champion scores on the held-out rows
    decision: Decision
    model_version: str | None  # None when the gates rejected the model
    report: Path
    workspace: Path
    data_hash: str
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # per stage


def workspace_for(config: PipelineConfig) -> Path:
    """Where a pipeline keeps its stage outputs: ``$AIENG_HOME/pipelines/<name>``."""
    return get_settings().home / "pipelines" / config.name


def run_pipeline(
    config: PipelineConfig,
    *,
    tracking_uri: str | None = None,
    artifacts: str | None = None,
    workspace: Path | None = None,
    report_path: Path | None = None,
    force: bool = False,
    listener: Listener | None = None,
) -> PipelineResult:
    """Run every stage of ``config``'s pipeline; reuse unchanged ones unless ``force``.

    ``artifacts``: an ``s3://bucket/prefix`` for a new experiment's artifacts (default
    ``$AIENG_ARTIFACTS``, else the store's own place; :func:`tracking.artifact_root`).
    """
    from aieng.pipeline.report import build_report, failure_report

    hear = listener or _Silent()
    ws = Workspace(workspace or workspace_for(config))
    report_path = report_path or ws.root / "report.html"
    # Before MLflow opens: a report that cannot be written must not cost a training run, nor
    # leave a registered model version behind. Each run replaces the report, hence overwrite.
    check_output(report_path, overwrite=True)
    client = tracking.connect(tracking_uri)
    experiment = tracking.experiment_id(client, config.name, artifacts)  # S3: checked here
    run = client.create_run(
        experiment,
        run_name=f"{config.name}-{datetime.now():%Y%m%d-%H%M%S}",
        tags={tracking.CONFIG_HASH: config.digest(), **provenance.environment_tags()},
    )
    run_id = run.info.run_id
    _log_params(client, run_id, config)
    records: dict[str, StageRecord] = {}
    current = STAGES[0]
    try:
        data_hash = data.source(config)
        client.set_tag(run_id, tracking.DATA_HASH, data_hash)
        facts = RunFacts(
            data_hash, client.tracking_uri, versions.current_champion(client, config.name)
        )
        for stage in PLAN:
            current = stage.name
            hear.started(stage.name)
            params = stage.params(config, facts)
            digests = {name: records[name].digest for name in stage.after}
            inputs = Inputs(
                folders={name: records[name].folder for name in stage.after},
                keys={name: records[name].key for name in stage.after},
                step=hear.step,
            )
            key = stage.key(params, digests)
            record = ws.run(stage.name, key, stage.builder(params, inputs), force=force)
            records[stage.name] = record
            hear.finished(record)
        trn, spl, fea, ev = (records[name] for name in ("train", "split", "features", "evaluate"))
        comparison: Comparison = joblib.load(trn.folder / "comparison.joblib")
        evaluation = modelling.read_json(ev.folder / "evaluation.json")
        decision = modelling.decision_of(evaluation)
        current = "register"
        hear.started("register")
        version, reg = _register(
            client,
            run_id,
            config,
            trn,
            fea.folder,
            spl.folder,
            comparison,
            evaluation,
            decision,
            data_hash,
        )
        records["register"] = reg
        hear.finished(reg)
        done = list(records.values())
        _log_results(client, run_id, comparison, evaluation, decision, version, done)
        result = PipelineResult(
            config=config,
            run_id=run_id,
            tracking_uri=client.tracking_uri,
            stages=done,
            comparison=comparison,
            evaluation=evaluation,
            decision=decision,
            model_version=version,
            report=report_path,
            workspace=ws.root,
            data_hash=data_hash,
            facts={r.name: r.facts for r in done},
        )
        build_report(result).write(report_path)
        client.log_artifact(run_id, str(report_path))
        for name in ("leaderboard.csv", "scores.csv"):
            client.log_artifact(run_id, str(trn.folder / name), "train")
        client.log_artifact(run_id, str(spl.folder / "split.json"), "split")
        client.log_artifact(run_id, str(ev.folder / "evaluation.json"), "evaluate")
        client.log_dict(run_id, config.contract.to_dict(), "contract.json")
        client.set_terminated(run_id, "FINISHED")
        return result
    except BaseException as exc:
        client.set_tag(run_id, tracking.TAG + "failed_stage", current)
        client.set_tag(run_id, tracking.TAG + "error", str(exc)[:4000])
        client.set_tag(run_id, tracking.STAGES, describe(records.values()) + f",{current}=failed")
        if isinstance(exc, ContractViolation):
            failures = ws.root / "validation-failures.csv"
            data.write_failures(exc.failures, failures)
            failure_report(config, exc, rows=len(data.read(ws.folder("ingest")))).write(report_path)
            client.log_artifact(run_id, str(failures), "validate")
            client.log_artifact(run_id, str(report_path))
            exc.hint = f"{exc.hint} Every offending cell: {failures}; the report: {report_path}."
        client.set_terminated(run_id, "FAILED")
        raise


def _register(
    client: Any,
    run_id: str,
    config: PipelineConfig,
    train: StageRecord,
    features: Path,
    split: Path,
    comparison: Comparison,
    evaluation: dict[str, Any],
    decision: Decision,
    data_hash: str,
) -> tuple[str | None, StageRecord]:
    """Register the model unless rejected (once per trained model); move the alias if it won."""
    start = time.perf_counter()
    version: str | None = None
    status: Status = "ran"
    if decision.outcome != "rejected":
        versions.ensure_registered_model(client, config.name, f"aieng pipeline '{config.name}'")
        version = versions.registered_version(client, config.name, train.key)
        if version is None:
            X_train, _, X_test, _, task = modelling.held_out(
                config.data.target, config.data.positive_class, features, split
            )
            model = joblib.load(train.folder / "model.joblib")
            version = models.log_model(
                run_id,
                client,
                model,
                name=config.name,
                train_key=train.key,
                X_example=X_test.head(5),
                X_train=X_train,
                classification=task == "classification",
                metadata_=_model_metadata(config, comparison, evaluation, data_hash),
            )
        else:
            status = "skipped"  # the same trained model is registered already
        if decision.outcome == "champion":
            versions.promote(client, config.name, version)
    facts = {"version": version, "decision": decision.outcome}
    record = StageRecord(
        "register",
        train.key,
        train.digest,
        status,
        time.perf_counter() - start,
        facts,
        train.folder,
    )
    return version, record


def _model_metadata(
    config: PipelineConfig, c: Comparison, evaluation: dict[str, Any], data_hash: str
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
        "primary_metric": evaluation["primary"],
        "test_scores": evaluation["test"],
        "data_hash": data_hash,
    }


def _log_params(client: Any, run_id: str, config: PipelineConfig) -> None:
    from mlflow.entities import Param

    params = [Param(k, v[:6000]) for k, v in config.params().items()]
    client.log_batch(run_id, params=params)


def _log_results(
    client: Any,
    run_id: str,
    c: Comparison,
    evaluation: dict[str, Any],
    decision: Decision,
    version: str | None,
    records: list[StageRecord],
) -> None:
    from mlflow.entities import Metric

    now = int(time.time() * 1000)
    metrics = [Metric(f"test_{k}", float(v), now, 0) for k, v in evaluation["test"].items()]
    metrics += [
        Metric(f"baseline_test_{k}", float(v), now, 0) for k, v in evaluation["baseline"].items()
    ]
    if evaluation["champion"] is not None:
        metrics += [
            Metric(f"champion_test_{k}", float(v), now, 0)
            for k, v in evaluation["champion"].items()
        ]
    winner = c.leaderboard.iloc[0]
    for metric in evaluation["test"]:
        metrics.append(Metric(f"cv_{metric}", float(winner[metric]), now, 0))
        if f"{metric}_std" in winner.index:
            metrics.append(Metric(f"cv_{metric}_std", float(winner[f"{metric}_std"]), now, 0))
    folds = c.scores[(c.scores["model"] == c.winner)].sort_values("fold")
    for metric, valid, fold in zip(folds["metric"], folds["valid"], folds["fold"], strict=True):
        metrics.append(Metric(f"fold_{metric}", float(valid), now, int(fold)))
    if c.threshold is not None:
        metrics.append(Metric("threshold", float(c.threshold.threshold), now, 0))
    metrics += [
        Metric("rows_train", float(evaluation["rows_train"]), now, 0),
        Metric("rows_test", float(evaluation["rows_test"]), now, 0),
    ]
    for i in range(0, len(metrics), 900):  # MLflow takes at most 1000 metrics per batch
        client.log_batch(run_id, metrics=metrics[i : i + 900])
    tags = {
        tracking.WINNER: c.winner,
        tracking.DECISION: decision.outcome,
        tracking.REASON: decision.reason,
        tracking.PRIMARY: evaluation["primary"],
        tracking.STAGES: describe(records),
    }
    if version is not None:
        tags[tracking.MODEL_VERSION] = version
    for key, value in tags.items():
        client.set_tag(run_id, key, value)
