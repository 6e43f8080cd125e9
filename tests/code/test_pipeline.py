"""Month 6 without training: the config, the gates, the stage cache and the CLI's errors."""

from __future__ import annotations

import errno
import json
import os
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest
from unwritable import KINDS, unwritable

from aieng.errors import ConfigError, InputFileError
from aieng.pipeline.config import default_text, load_config, parse
from aieng.pipeline.data import frame_digest
from aieng.pipeline.gates import decide, improvement
from aieng.pipeline.stages import Workspace, stage_key


def _values(**sections: Any) -> dict[str, Any]:
    values = tomllib.loads(default_text())
    for name, overrides in sections.items():
        if isinstance(overrides, dict):
            values[name] = {**values.get(name, {}), **overrides}
        else:
            values[name] = overrides
    return values


# --- the config -------------------------------------------------------------------------------


def test_the_default_config_is_the_churn_pipeline() -> None:
    config = load_config()
    assert config.name == "churn" and config.data.source == "telco_churn"
    assert config.source_path() is None  # a catalog name, not a file
    assert len(config.contract.columns) == 20
    assert config.clean.missing_values.enabled is False  # gaps are filled inside the model
    assert config.clean.types.enabled is False  # types come from the contract
    assert config.clean.duplicates.enabled is False  # no customer id in this table
    assert config.digest() == load_config().digest()
    assert config.params()["train.candidates"].startswith("dummy,")


def test_a_relative_source_is_read_beside_the_config(tmp_path: Path) -> None:
    values = _values(data={"source": "data/churn.csv"})
    config = parse(values, source="p.toml", base_dir=tmp_path)
    assert config.source_path() == (tmp_path / "data" / "churn.csv").resolve()


def test_any_change_changes_the_config_digest() -> None:
    base = parse(_values(), source="a", base_dir=Path())
    other = parse(_values(gates={"min_margin": 0.2}), source="b", base_dir=Path())
    assert base.digest() != other.digest()


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"train": {"candidates": ["dummy", "lightgmb"]}}, r"unknown model 'lightgmb'"),
        ({"train": {"candidates": ["linear"]}}, r"must include 'dummy'"),
        ({"train": {"folds": 1}}, r"train\.folds"),
        ({"split": {"test_size": 1.5}}, r"split\.test_size"),
        ({"gates": {"min_margn": 0.1}}, r"unknown key 'gates\.min_margn'"),
        ({"clean": {"outliers": {"action": "explode"}}}, r"outliers\.action"),
        ({"name": "Churn Model"}, r"name"),
        ({"extra": {"x": 1}}, r"unknown key 'extra'"),
    ],
)
def test_bad_config_values_are_refused_with_the_key_named(
    sections: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        parse(_values(**sections), source="pipeline.toml", base_dir=Path())


NO_FILL = {"numeric": "none", "category": "none", "boolean": "none", "text": "none", "date": "none"}


@pytest.mark.parametrize(
    ("clean", "step"),
    [
        ({"missing_values": {"enabled": True}}, "missing_values"),  # median / mode: learned
        ({"missing_values": {"enabled": True, **NO_FILL, "numeric": "mean"}}, "missing_values"),
        ({"missing_values": {"enabled": True, **NO_FILL, "category": "mode"}}, "missing_values"),
        ({"outliers": {"action": "clip"}}, "outliers"),  # fences from the column's spread
        ({"outliers": {"action": "drop", "method": "iqr"}}, "outliers"),
        ({"types": {"enabled": True}}, "types"),  # a type inferred from shares of values
        ({"categories": {"enabled": True}}, "categories"),  # merged towards the most frequent
    ],
)
def test_cleaning_that_learns_from_the_rows_is_refused_before_the_split(
    clean: dict[str, Any], step: str
) -> None:
    """It would run on train and test rows together, and serving could not replay it."""
    with pytest.raises(ConfigError, match=rf"\[clean\.{step}\] learns from the rows") as caught:
        parse(_values(clean=clean), source="pipeline.toml", base_dir=Path())
    assert "test rows" in caught.value.message and "enabled = false" in caught.value.hint


@pytest.mark.parametrize(
    "clean",
    [
        {"missing_values": {"enabled": True, **NO_FILL, "numeric": "drop", "boolean": "constant"}},
        {"missing_values": {"enabled": False, "numeric": "mean"}},
        {"outliers": {"action": "flag"}},  # flags, changes nothing
        {"outliers": {"enabled": False, "action": "clip"}},
        {"duplicates": {"enabled": True}},
        {"trim": {"collapse_inner": False}},
    ],
)
def test_row_local_cleaning_is_allowed(clean: dict[str, Any]) -> None:
    parse(_values(clean=clean), source="pipeline.toml", base_dir=Path())


def test_the_default_pipeline_runs_no_step_that_learns() -> None:
    from aieng.clean.config import steps_that_learn

    assert steps_that_learn(load_config().clean) == []


def test_the_unknown_model_error_suggests_the_closest_name() -> None:
    with pytest.raises(ConfigError) as caught:
        parse(_values(train={"candidates": ["dummy", "lightgmb"]}), source="p", base_dir=Path())
    assert "lightgbm" in caught.value.hint


def test_a_config_without_a_contract_is_refused() -> None:
    values = _values()
    del values["contract"]
    with pytest.raises(ConfigError, match="no \\[contract\\] section") as caught:
        parse(values, source="p.toml", base_dir=Path())
    assert "aieng pipeline contract" in caught.value.hint


def test_a_missing_config_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such pipeline config"):
        load_config(tmp_path / "nope.toml")


# --- the gates and the champion rule -----------------------------------------------------------


def test_improvement_respects_the_metric_direction() -> None:
    assert improvement("roc_auc", "classification", 0.85, 0.80) == pytest.approx(0.05)
    assert improvement("log_loss", "classification", 0.40, 0.45) == pytest.approx(0.05)
    assert improvement("rmse", "regression", 30.0, 32.0) == pytest.approx(2.0)
    assert improvement("r2", "regression", 0.2, 0.3) == pytest.approx(-0.1)


def _decide(candidate: float, champion: float | None, **kw: float) -> Any:
    return decide(
        "roc_auc",
        "classification",
        candidate=candidate,
        baseline=kw.get("baseline", 0.5),
        champion=champion,
        min_margin=kw.get("min_margin", 0.1),
        min_improvement=kw.get("min_improvement", 0.0),
    )


def test_a_model_that_does_not_beat_the_baseline_by_the_margin_is_rejected() -> None:
    d = _decide(0.58, None)
    assert d.outcome == "rejected" and not d.gates[0].passed
    assert "does not beat the baseline's 0.5000 by the required 0.1000" in d.reason
    assert _decide(0.60, None).outcome == "champion"  # exactly the margin passes


def test_the_first_model_past_the_gates_becomes_champion() -> None:
    assert _decide(0.8, None).outcome == "champion"


def test_only_a_better_model_takes_the_champion_alias() -> None:
    assert _decide(0.85, 0.84).outcome == "champion"
    tie = _decide(0.84, 0.84)
    assert tie.outcome == "challenger" and "the champion stays" in tie.reason
    assert _decide(0.85, 0.84, min_improvement=0.02).outcome == "challenger"


def test_lower_is_better_for_errors_in_the_champion_rule() -> None:
    better = decide(
        "rmse", "regression", candidate=30.0, baseline=40.0, champion=31.0,
        min_margin=5.0, min_improvement=0.0,
    )  # fmt: skip
    assert better.outcome == "champion"
    worse = decide(
        "rmse", "regression", candidate=32.0, baseline=40.0, champion=31.0,
        min_margin=5.0, min_improvement=0.0,
    )  # fmt: skip
    assert worse.outcome == "challenger"


# --- the stage cache ---------------------------------------------------------------------------


def _writer(calls: list[str], text: str = "out") -> Any:
    def build(folder: Path) -> dict[str, Any]:
        calls.append(text)
        (folder / "out.txt").write_text(text)
        return {"n": len(calls)}

    return build


def test_a_stage_with_the_same_key_is_skipped(tmp_path: Path) -> None:
    ws, calls = Workspace(tmp_path), []
    key = stage_key("s", {"in": "abc"}, {"p": 1})
    first = ws.run("s", key, _writer(calls))
    second = ws.run("s", key, _writer(calls))
    assert (first.status, second.status) == ("ran", "skipped")
    assert calls == ["out"] and second.digest == first.digest and second.facts == {"n": 1}


def test_new_inputs_params_or_force_rebuild_a_stage(tmp_path: Path) -> None:
    ws, calls = Workspace(tmp_path), []
    ws.run("s", stage_key("s", {"in": "abc"}, {"p": 1}), _writer(calls))
    assert ws.run("s", stage_key("s", {"in": "abd"}, {"p": 1}), _writer(calls)).status == "ran"
    assert ws.run("s", stage_key("s", {"in": "abd"}, {"p": 2}), _writer(calls)).status == "ran"
    key = stage_key("s", {"in": "abd"}, {"p": 2})
    assert ws.run("s", key, _writer(calls), force=True).status == "ran"
    assert len(calls) == 4


def test_an_edited_output_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    ws, calls = Workspace(tmp_path), []
    key = stage_key("s", {}, {})
    ws.run("s", key, _writer(calls))
    (tmp_path / "s" / "out.txt").write_text("edited by hand")
    assert ws.run("s", key, _writer(calls)).status == "ran"
    assert (tmp_path / "s" / "out.txt").read_text() == "out"


def test_a_failing_stage_keeps_the_last_good_outputs(tmp_path: Path) -> None:
    ws, calls = Workspace(tmp_path), []
    ws.run("s", stage_key("s", {}, {"v": 1}), _writer(calls, "good"))

    def broken(folder: Path) -> dict[str, Any]:
        (folder / "out.txt").write_text("half written")
        raise RuntimeError("the stage broke")

    with pytest.raises(RuntimeError, match="the stage broke"):
        ws.run("s", stage_key("s", {}, {"v": 2}), broken)
    assert (tmp_path / "s" / "out.txt").read_text() == "good"
    assert json.loads((tmp_path / "s" / "stage.json").read_text())["facts"] == {"n": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary folder left behind


def test_the_frame_digest_sees_values_index_and_types() -> None:
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert frame_digest(frame) == frame_digest(frame.copy())
    assert frame_digest(frame) != frame_digest(frame.assign(a=[1, 2, 4]))
    assert frame_digest(frame) != frame_digest(frame.astype({"a": "float64"}))
    assert frame_digest(frame) != frame_digest(frame.set_axis([0, 1, 5]))


# --- the CLI -----------------------------------------------------------------------------------


def test_pipeline_init_writes_the_commented_churn_config(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "pipeline.toml"
    code, out, _ = cli("pipeline", "init", str(target))
    assert code == 0 and "aieng pipeline run --config" in out
    assert target.read_text() == default_text()
    code, _, err = cli("pipeline", "init", str(target))
    assert code == 1 and "already exists" in err and "--force" in err


def test_pipeline_contract_drafts_a_contract_that_loads(cli: Any, tmp_path: Path) -> None:
    from aieng.contract import Contract
    from aieng.datasets import load

    data = tmp_path / "churn.csv"
    load("telco_churn").head(300).to_csv(data, index=False)
    out_file = tmp_path / "contract.toml"
    code, _, err = cli("pipeline", "contract", str(data), "--out", str(out_file))
    assert code == 0, err
    contract = Contract.from_mapping(tomllib.loads(out_file.read_text())["contract"])
    assert "tenure" in contract.columns and contract.columns["tenure"].type == "int"


def test_pipeline_run_with_a_bad_config_says_what_and_where(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "pipeline.toml"
    config.write_text(default_text().replace('"lightgbm"]', '"lightgmb"]'))
    code, _, err = cli("pipeline", "run", "--config", str(config))
    assert code == 1
    assert "Error: unknown model 'lightgmb' in train.candidates" in err
    assert "lightgbm" in err and "Traceback" not in err


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_that_cannot_be_written_stops_the_run_before_mlflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # Checked after the run, the report would fail once a model version was registered.
    from aieng.pipeline import run_pipeline
    from aieng.registry import tracking

    opened: list[str | None] = []

    def connect(uri: str | None = None) -> None:
        opened.append(uri)
        raise AssertionError("MLflow was opened before the report path was checked")

    monkeypatch.setattr(tracking, "connect", connect)
    report = unwritable(kind, tmp_path, "report.html")
    with pytest.raises(InputFileError, match=r"cannot write '.*report\.html'"):
        run_pipeline(
            load_config(),
            tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}",
            workspace=tmp_path / "workspace",
            report_path=report,
        )
    assert opened == []
    assert not (tmp_path / "workspace").exists() and not (tmp_path / "mlflow.db").exists()


def test_a_model_export_that_fails_while_writing_names_the_folder_not_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aieng.registry import tracking, versions

    tracking.quiet_mlflow()  # no telemetry: the tests run offline
    import mlflow.artifacts

    def download(*, dst_path: str, **kwargs: Any) -> str:
        (Path(dst_path) / "MLmodel").write_text("half a model")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tracking, "use_store", lambda client: None)
    monkeypatch.setattr(versions, "recorded_digest", lambda client, ref: ("1", None))
    monkeypatch.setattr(mlflow.artifacts, "download_artifacts", download)
    client: Any = SimpleNamespace(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    with pytest.raises(InputFileError) as err:
        versions.export_model(client, "churn@champion", tmp_path / "model")
    assert err.value.message == (
        f"cannot export 'churn@champion' to {str(tmp_path / 'model')!r}: No space left on device"
    )
    assert list(tmp_path.iterdir()) == []  # the half-copied folder is gone


def test_pipeline_run_with_a_missing_data_file(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "pipeline.toml"
    config.write_text(default_text().replace('source = "telco_churn"', 'source = "gone.csv"'))
    code, _, err = cli("pipeline", "run", "--config", str(config))
    assert code == 1 and "is not a file" in err and "Traceback" not in err


def test_pipeline_run_stops_at_a_contract_violation_with_the_rows(cli: Any, tmp_path: Path) -> None:
    from aieng.datasets import load

    frame = load("telco_churn").head(200)
    frame["tenure"] = frame["tenure"].astype(object)
    frame.loc[5, "tenure"] = "twelve"
    frame.to_csv(tmp_path / "churn.csv", index=False)
    config = tmp_path / "pipeline.toml"
    config.write_text(default_text().replace('source = "telco_churn"', 'source = "churn.csv"'))
    code, _, err = cli("pipeline", "run", "--config", str(config))
    assert code == 1 and "Traceback" not in err
    assert "Error: 1 row breaks the data contract" in err or "Error: 1 rows" in err
    assert "twelve" in err and "validation-failures.csv" in err


# --- the plan: stages declared as data --------------------------------------------------------


def _other(value: Any) -> Any:
    """A different value of the same kind: what a user changing that setting would do."""
    import dataclasses

    from aieng.clean.config import CleanConfig
    from aieng.contract import Contract
    from aieng.registry.versions import Champion

    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value / 2 if isinstance(value, float) else value + 1
    if isinstance(value, str) or value is None:
        return f"{value}-changed"
    if isinstance(value, tuple):
        return (*value, "changed")
    if isinstance(value, dict):
        return {**value, "changed": 1}
    if isinstance(value, Contract):
        return Contract(dict(list(value.columns.items())[1:]))
    if isinstance(value, CleanConfig):
        return value.model_copy(update={"trim": value.trim.model_copy(update={"enabled": False})})
    if isinstance(value, Champion):
        return dataclasses.replace(value, version=value.version + "0")
    if dataclasses.is_dataclass(value):  # month 4's CompareConfig
        return dataclasses.replace(value, folds=value.folds + 1)  # type: ignore[call-arg]
    raise AssertionError(f"no other value for {type(value).__name__}: extend _other")


def test_every_setting_a_stage_reads_is_in_its_key() -> None:
    """A builder sees only its params, and every field of its params changes its key: so a
    stale cache cannot be reused because a setting was forgotten."""
    import dataclasses

    from aieng.pipeline.facts import RunFacts
    from aieng.pipeline.plan import PLAN
    from aieng.registry.versions import Champion

    config = load_config()
    facts = RunFacts("hash", "sqlite:///x.db", Champion("3", "run", "train-key"))
    digests = {stage.name: f"digest-{stage.name}" for stage in PLAN}
    not_keyed = {("ingest", "path")}  # the file's content is keyed (digest), not where it lies
    checked = 0
    for stage in PLAN:
        params = stage.params(config, facts)
        key = stage.key(params, digests)
        for f in dataclasses.fields(params):
            if (stage.name, f.name) in not_keyed:
                continue
            changed = dataclasses.replace(params, **{f.name: _other(getattr(params, f.name))})
            assert stage.key(changed, digests) != key, f"{stage.name}.{f.name} is not in the key"
            checked += 1
        for before in stage.after:  # and a changed input reruns it
            assert stage.key(params, {**digests, before: "other"}) != key
    assert checked >= 20


def test_builders_get_their_params_not_the_config() -> None:
    import inspect

    from aieng.pipeline.plan import PLAN

    for stage in PLAN:
        signature = inspect.signature(stage.build)
        assert list(signature.parameters) == ["folder", "p", "inputs"], stage.name
        annotations = " ".join(str(p.annotation) for p in signature.parameters.values())
        assert "PipelineConfig" not in annotations, stage.name


def test_an_evaluation_reads_back_as_it_was_written_and_decides_the_same(tmp_path: Path) -> None:
    from aieng.pipeline.evaluation import Evaluation

    for champion, note in [(None, ""), ({"roc_auc": 0.80}, ""), (None, "this model already")]:
        ev = Evaluation(
            task="classification",
            primary="roc_auc",
            rows_train=80,
            rows_test=20,
            test={"roc_auc": 0.85, "pr_auc": 0.6},
            baseline={"roc_auc": 0.5, "pr_auc": 0.3},
            champion=champion,
            champion_version=None if not note else "3",
            champion_note=note,
            min_margin=0.05,
            min_improvement=0.0,
        )
        ev.write(tmp_path)
        again = Evaluation.read(tmp_path)
        assert again == ev and again.decision() == ev.decision()
