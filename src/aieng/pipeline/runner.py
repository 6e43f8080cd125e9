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
from aieng.pipeline import data, modelling, recorded
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.evaluation import Evaluation
from aieng.pipeline.facts import RunFacts
from aieng.pipeline.gates import Decision
from aieng.pipeline.plan import PLAN, STAGES
from aieng.pipeline.result import PipelineResult
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
    ws = Workspace(workspace or workspace_for(config))
    report_path = report_path or ws.root / "report.html"
    # Before MLflow opens: a report that cannot be written must not cost a training run, nor
    # leave a registered model version behind. Each run replaces the report, hence overwrite.
    check_output(report_path, overwrite=True)
    run = _Run.open(config, tracking_uri, artifacts, ws, listener or _Silent(), report_path)
    try:
        data_hash = data.source(config)
        run.client.set_tag(run.run_id, tracking.DATA_HASH, data_hash)
        champion = versions.current_champion(run.client, config.name)
        run.stages(RunFacts(data_hash, run.client.tracking_uri, champion), force=force)
        comparison: Comparison = joblib.load(run.folder("train") / "comparison.joblib")
        evaluation = Evaluation.read(run.folder("evaluate"))
        decision = evaluation.decision()
        version = run.register(comparison, evaluation, decision, data_hash)
        done = list(run.records.values())
        recorded.log_results(
            run.client, run.run_id, comparison, evaluation, decision, version, done
        )
        result = PipelineResult(
            config=config,
            run_id=run.run_id,
            tracking_uri=run.client.tracking_uri,
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
        run.finish(result)
        return result
    except BaseException as exc:
        run.fail(exc)
        raise


@dataclass
class _Run:
    """One invocation: its MLflow run, its workspace, and the stages it has done so far."""

    config: PipelineConfig
    client: Any  # an MlflowClient on the run's tracking store
    run_id: str
    ws: Workspace
    hear: Listener
    report_path: Path
    records: dict[str, StageRecord] = field(default_factory=dict)
    current: str = STAGES[0]  # the stage in progress: named on the run if it fails

    @classmethod
    def open(
        cls,
        config: PipelineConfig,
        tracking_uri: str | None,
        artifacts: str | None,
        ws: Workspace,
        hear: Listener,
        report_path: Path,
    ) -> _Run:
        """Create the MLflow run first, so a stage that fails can mark it FAILED."""
        client = tracking.connect(tracking_uri)
        experiment = tracking.experiment_id(client, config.name, artifacts)  # S3: checked here
        run = client.create_run(
            experiment,
            run_name=f"{config.name}-{datetime.now():%Y%m%d-%H%M%S}",
            tags={tracking.CONFIG_HASH: config.digest(), **provenance.environment_tags()},
        )
        recorded.log_params(client, run.info.run_id, config)
        return cls(config, client, run.info.run_id, ws, hear, report_path)

    def folder(self, stage: str) -> Path:
        return self.records[stage].folder

    def stages(self, facts: RunFacts, *, force: bool) -> None:
        """Every stage of :data:`PLAN`, in order: reused if its key is unchanged, else built."""
        for stage in PLAN:
            self.current = stage.name
            self.hear.started(stage.name)
            params = stage.params(self.config, facts)
            before = [self.records[name] for name in stage.after]
            inputs = Inputs(
                folders={r.name: r.folder for r in before},
                keys={r.name: r.key for r in before},
                step=self.hear.step,
            )
            key = stage.key(params, {r.name: r.digest for r in before})
            record = self.ws.run(stage.name, key, stage.builder(params, inputs), force=force)
            self.records[stage.name] = record
            self.hear.finished(record)

    def register(
        self, comparison: Comparison, evaluation: Evaluation, decision: Decision, data_hash: str
    ) -> str | None:
        """The register step (a side effect in the registry, so not a cached stage)."""
        self.current = "register"
        self.hear.started("register")
        version, record = _register(
            self.client,
            self.run_id,
            self.config,
            self.records["train"],
            self.folder("features"),
            self.folder("split"),
            comparison,
            evaluation,
            decision,
            data_hash,
        )
        self.records["register"] = record
        self.hear.finished(record)
        return version

    def finish(self, result: PipelineResult) -> None:
        """The report and the stages' key files as the run's artifacts; the run FINISHED."""
        from aieng.pipeline.report import build_report

        client, run_id = self.client, self.run_id
        build_report(result).write(self.report_path)
        client.log_artifact(run_id, str(self.report_path))
        for name in ("leaderboard.csv", "scores.csv"):
            client.log_artifact(run_id, str(self.folder("train") / name), "train")
        client.log_artifact(run_id, str(self.folder("split") / "split.json"), "split")
        client.log_artifact(run_id, str(self.folder("evaluate") / "evaluation.json"), "evaluate")
        client.log_dict(run_id, self.config.contract.to_dict(), "contract.json")
        client.set_terminated(run_id, "FINISHED")

    def fail(self, exc: BaseException) -> None:
        """The run FAILED, tagged with the stage and the error; a contract violation gets its
        report and every offending cell in a CSV."""
        from aieng.pipeline.report import failure_report

        client, run_id, current = self.client, self.run_id, self.current
        client.set_tag(run_id, tracking.TAG + "failed_stage", current)
        client.set_tag(run_id, tracking.TAG + "error", str(exc)[:4000])
        stages = describe(self.records.values()) + f",{current}=failed"
        client.set_tag(run_id, tracking.STAGES, stages)
        if isinstance(exc, ContractViolation):
            failures = self.ws.root / "validation-failures.csv"
            data.write_failures(exc.failures, failures)
            rows = len(data.read(self.ws.folder("ingest")))
            failure_report(self.config, exc, rows=rows).write(self.report_path)
            client.log_artifact(run_id, str(failures), "validate")
            client.log_artifact(run_id, str(self.report_path))
            where = f"Every offending cell: {failures}; the report: {self.report_path}."
            exc.hint = f"{exc.hint} {where}"
        client.set_terminated(run_id, "FAILED")


def _register(
    client: Any,
    run_id: str,
    config: PipelineConfig,
    train: StageRecord,
    features: Path,
    split: Path,
    comparison: Comparison,
    evaluation: Evaluation,
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
                metadata_=recorded.model_metadata(config, comparison, evaluation, data_hash),
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
