"""Month 6's pipeline end to end on a sample of Telco churn: tracking, skipping, the champion rule.

Each test uses its own MLflow store and workspace in ``tmp_path``. A sample of 1,500 customers and
two or three candidates keep one training stage near ten seconds.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from aieng.contract import ContractViolation
from aieng.datasets import load
from aieng.errors import AiengError, DataError
from aieng.pipeline import run_pipeline
from aieng.pipeline.config import PipelineConfig, default_text, parse
from aieng.pipeline.result import PipelineResult

pytestmark = pytest.mark.slow


def _config(folder: Path, **sections: dict[str, Any]) -> PipelineConfig:
    """The packaged churn pipeline on a 1,500-row sample file, with ``sections`` overridden."""
    data = folder / "churn.parquet"
    if not data.exists():
        load("telco_churn").sample(1500, random_state=0).to_parquet(data, index=False)
    values = tomllib.loads(default_text())
    values["data"]["source"] = data.name
    values["train"] = {"candidates": ["dummy", "linear"], "folds": 3}
    for name, overrides in sections.items():
        values[name] = {**values.get(name, {}), **overrides}
    return parse(values, source="test config", base_dir=folder)


def _run(folder: Path, config: PipelineConfig, **kwargs: Any) -> PipelineResult:
    return run_pipeline(
        config,
        tracking_uri=f"sqlite:///{folder / 'mlflow.db'}",
        workspace=folder / "workspace",
        **kwargs,
    )


def _client(folder: Path) -> Any:
    from aieng.registry.tracking import connect

    return connect(f"sqlite:///{folder / 'mlflow.db'}")


def _status(result: PipelineResult) -> dict[str, str]:
    return {s.name: s.status for s in result.stages}


def test_first_run_registers_a_champion_then_unchanged_reruns_skip(tmp_path: Path) -> None:
    import mlflow.sklearn

    config = _config(tmp_path)
    first = _run(tmp_path, config)
    assert set(_status(first).values()) == {"ran"}
    assert first.decision.outcome == "champion" and first.model_version == "1"
    assert first.evaluation.test["roc_auc"] >= 0.80  # measured 0.843 on this sample
    assert first.evaluation.baseline["roc_auc"] == pytest.approx(0.5)

    client = _client(tmp_path)
    run = client.get_run(first.run_id)
    assert run.info.status == "FINISHED"
    assert run.data.tags["aieng.decision"] == "champion"
    assert run.data.tags["aieng.data_hash"] == first.data_hash
    assert run.data.tags["aieng.config_hash"] == config.digest()
    assert run.data.params["train.candidates"] == "dummy,linear"
    assert run.data.metrics["test_roc_auc"] == pytest.approx(first.evaluation.test["roc_auc"])
    assert {"cv_roc_auc", "cv_roc_auc_std", "baseline_test_roc_auc", "threshold"} <= set(
        run.data.metrics
    )
    assert len(client.get_metric_history(first.run_id, "fold_roc_auc")) == 3  # one per fold
    artifacts = {a.path for a in client.list_artifacts(first.run_id)}
    assert {"report.html", "contract.json", "train", "split", "evaluate"} <= artifacts
    version = client.get_model_version("churn", "1")
    assert version.run_id == first.run_id  # the registered model is traced to its run

    # The registered champion is the trained Pipeline: it loads by alias and predicts the same.
    champion = mlflow.sklearn.load_model("models:/churn@champion")
    X = pd.read_parquet(first.workspace / "features" / "data.parquet").drop(columns=["churn"])
    expected = first.comparison.pipeline.predict_proba(X.head(20))
    assert champion.predict_proba(X.head(20)) == pytest.approx(expected)

    second = _run(tmp_path, config)
    status = _status(second)
    # The champion changed (none → version 1), so only the evaluation is redone.
    assert status == {
        **{s: "skipped" for s in ("ingest", "validate", "clean", "split", "features", "train")},
        "evaluate": "ran",
        "register": "skipped",
    }
    assert second.model_version == "1" and second.decision.outcome == "champion"
    assert "Already the champion" in second.decision.reason
    third = _run(tmp_path, config)
    assert set(_status(third).values()) == {"skipped"}
    assert len(client.search_model_versions("name = 'churn'")) == 1  # nothing registered twice

    # The same config and seed, every stage rerun: identical metrics.
    forced = _run(tmp_path, config, force=True)
    assert {s.status for s in forced.stages if s.name != "register"} == {"ran"}
    assert forced.evaluation.test == first.evaluation.test
    assert forced.evaluation.baseline == first.evaluation.baseline
    scores = forced.comparison.leaderboard.drop(columns="fit_time")  # seconds differ, of course
    assert scores.equals(first.comparison.leaderboard.drop(columns="fit_time"))
    assert forced.model_version == "1"


def test_a_changed_setting_reruns_only_the_stages_that_depend_on_it(tmp_path: Path) -> None:
    _run(tmp_path, _config(tmp_path))
    changed = _run(tmp_path, _config(tmp_path, gates={"min_margin": 0.2}))
    status = _status(changed)
    assert status["train"] == "skipped" and status["evaluate"] == "ran"
    resplit = _run(tmp_path, _config(tmp_path, split={"seed": 1}))
    status = _status(resplit)
    assert status["clean"] == "skipped"
    assert status["split"] == status["train"] == status["evaluate"] == "ran"


def test_the_champion_alias_moves_only_to_a_better_model(tmp_path: Path) -> None:
    client = _client(tmp_path)
    tree = {"candidates": ["dummy", "tree"], "folds": 3}
    weak = _run(tmp_path, _config(tmp_path, train=tree))
    assert weak.decision.outcome == "champion" and weak.model_version == "1"

    strong = _run(tmp_path, _config(tmp_path))  # logistic regression beats a single tree
    assert strong.evaluation.test["roc_auc"] > weak.evaluation.test["roc_auc"]
    assert strong.decision.outcome == "champion" and strong.model_version == "2"
    assert strong.evaluation.champion["roc_auc"] == pytest.approx(
        weak.evaluation.test["roc_auc"]
    )  # the old champion scored on the same held-out rows
    assert str(client.get_model_version_by_alias("churn", "champion").version) == "2"

    again = _run(tmp_path, _config(tmp_path, train=tree))
    assert again.decision.outcome == "challenger"
    assert "the champion stays" in again.decision.reason
    assert again.model_version == "1"  # the same trained model: its version, not a new one
    assert str(client.get_model_version_by_alias("churn", "champion").version) == "2"
    tags = client.get_run(again.run_id).data.tags
    assert tags["aieng.decision"] == "challenger" and "champion stays" in tags["aieng.reason"]

    rejected = _run(tmp_path, _config(tmp_path, gates={"min_margin": 0.9}))
    assert rejected.decision.outcome == "rejected" and rejected.model_version is None
    assert "does not beat the baseline" in rejected.decision.reason
    assert str(client.get_model_version_by_alias("churn", "champion").version) == "2"
    assert len(client.search_model_versions("name = 'churn'")) == 2


def test_a_contract_violation_stops_the_run_and_keeps_earlier_outputs(tmp_path: Path) -> None:
    first = _run(tmp_path, _config(tmp_path, train={"candidates": ["dummy"], "folds": 2}))
    good_validate = (first.workspace / "validate" / "data.parquet").read_bytes()

    bad = pd.read_parquet(tmp_path / "churn.parquet")
    bad.loc[[3, 7], "tenure"] = -5
    bad["contract"] = bad["contract"].astype(object)
    bad.loc[11, "contract"] = "Monthly"
    bad.to_parquet(tmp_path / "churn.parquet", index=False)
    with pytest.raises(ContractViolation, match="3 rows break the data contract") as caught:
        _run(tmp_path, _config(tmp_path, train={"candidates": ["dummy"], "folds": 2}))
    failures = caught.value.failures
    assert set(failures["row"]) == {3, 7, 11}
    assert "validation-failures.csv" in caught.value.hint

    written = pd.read_csv(first.workspace / "validation-failures.csv")
    assert len(written) == 3 and set(written["column"]) == {"tenure", "contract"}
    assert "Monthly" in (first.workspace / "report.html").read_text()
    # The failed stage left the last good outputs alone; ingest took the new data.
    assert (first.workspace / "validate" / "data.parquet").read_bytes() == good_validate
    assert len(pd.read_parquet(first.workspace / "ingest" / "data.parquet")) == 1500

    client = _client(tmp_path)
    runs = client.search_runs([client.get_experiment_by_name("churn").experiment_id])
    failed = [r for r in runs if r.info.status == "FAILED"]
    assert len(failed) == 1 and failed[0].data.tags["aieng.failed_stage"] == "validate"


@pytest.mark.parametrize(
    ("sections", "error", "message"),
    [
        (
            {"data": {"drop": ["female", "gender"]}},
            AiengError,
            r"unknown data\.drop column 'gender'",
        ),
        (
            {"data": {"target": "tenure_group"}},
            AiengError,
            r"unknown target column 'tenure_group'",
        ),
    ],
)
def test_bad_data_choices_fail_before_training(
    tmp_path: Path, sections: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        _run(tmp_path, _config(tmp_path, **sections))


def test_a_target_with_one_class_is_refused(tmp_path: Path) -> None:
    frame = load("telco_churn")
    frame[frame["churn"] == "No"].head(500).to_parquet(tmp_path / "churn.parquet", index=False)
    with pytest.raises(DataError, match=r"a single class"):
        _run(tmp_path, _config(tmp_path))
