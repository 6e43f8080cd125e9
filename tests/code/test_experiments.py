"""``aieng experiments list | compare``: reading the runs month 6 writes to the tracking store.

One small store is built per module with MlflowClient directly (no model training): two
experiments, runs named and tagged as docs of month 6 say, a registered model whose version 2
holds the ``champion`` alias. Run ids are fixed so that prefixes are predictable.
"""

from __future__ import annotations

import math
import shutil
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aieng.errors import NotFoundError, UsageError
from aieng.pipeline import experiments as exp
from aieng.registry import tracking

Cli = Callable[..., tuple[int, str, str]]
T0 = 1_767_261_600_000  # 2026-01-01 10:00 UTC, in ms
MINUTE = 60_000
ID_OLD = "abcd1111" + "0" * 24  # the first champion (version 1)
ID_NEW = "abcd2222" + "0" * 24  # the current champion (version 2): shares "abcd" with ID_OLD
ID_FAILED = "f00dfa11" + "0" * 24
ID_REUSED = "c0ffee77" + "0" * 24  # a rerun of ID_NEW's config that reused its model version
ID_REJECTED = "eeee3333" + "0" * 24
ID_HOUSING = "b0b05555" + "0" * 24
PARAMS = {
    "data.source": "telco_churn",
    "data.target": "churn",
    "split.test_size": "0.2",
    "split.seed": "0",
    "train.candidates": "dummy,linear",
    "train.folds": "5",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """``{"uri": the store, "empty": a store with no runs}``, built once for the module."""
    from mlflow.entities import Metric, Param, RunStatus, RunTag

    root = tmp_path_factory.mktemp("store")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    client = tracking.connect(uri)
    shutil.copy(root / "mlflow.db", root / "empty.db")  # migrated, but no run yet
    churn = tracking.experiment_id(client, "churn")
    housing = tracking.experiment_id(client, "housing")
    tracking.experiment_id(client, "no-runs")
    ids: list[str] = []

    def run(
        run_id: str,
        minutes: int,
        *,
        experiment: str = churn,
        status: str = "FINISHED",
        params: dict[str, str] | None = None,
        metrics: dict[str, float] | None = None,
        folds: list[float] | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        ids.append(run_id)
        start = T0 + minutes * MINUTE
        made = client.create_run(experiment, start_time=start, run_name=f"churn-{minutes}")
        stamp = start + MINUTE
        client.log_batch(
            made.info.run_id,
            metrics=[Metric(k, v, stamp, 0) for k, v in (metrics or {}).items()]
            + [Metric("fold_roc_auc", v, stamp, i) for i, v in enumerate(folds or [])],
            params=[Param(k, v) for k, v in (params or {}).items()],
            tags=[RunTag(k, v) for k, v in (tags or {}).items()],
        )
        client.set_terminated(made.info.run_id, RunStatus.to_string(RunStatus.from_string(status)))

    real = uuid.uuid4
    fake = types.SimpleNamespace(uuid4=lambda: types.SimpleNamespace(hex=ids.pop()))
    with pytest.MonkeyPatch.context() as mp:
        # MLflow makes run ids with uuid4().hex; fixed ids make the prefix tests deterministic.
        mp.setattr("mlflow.store.tracking.sqlalchemy_store.uuid", fake)
        verdict = {tracking.PRIMARY: "roc_auc", tracking.DATA_HASH: "d" * 64}
        run(
            ID_OLD,
            0,
            params=PARAMS,
            metrics={"test_roc_auc": 0.80, "baseline_test_roc_auc": 0.5, "cv_roc_auc": 0.79},
            folds=[0.78, 0.80, 0.79, 0.77, 0.81],
            tags=verdict
            | {
                tracking.CONFIG_HASH: "c1" * 32,
                tracking.WINNER: "linear",
                tracking.DECISION: "champion",
                tracking.REASON: "no champion yet; beats the baseline by 0.30",
                tracking.MODEL_VERSION: "1",
            },
        )
        run(
            ID_NEW,
            5,
            params=PARAMS | {"split.seed": "1", "train.candidates": "dummy,linear,lightgbm"},
            metrics={
                "test_roc_auc": 0.85,
                "baseline_test_roc_auc": 0.5,
                "champion_test_roc_auc": 0.80,
                "cv_roc_auc": 0.84,
                "rows_test": 1409.0,
            },
            folds=[0.83, 0.86, 0.84],
            tags=verdict
            | {
                tracking.CONFIG_HASH: "c2" * 32,
                tracking.WINNER: "LightGBM",
                tracking.DECISION: "champion",
                tracking.REASON: "beats the champion by 0.05",
                tracking.MODEL_VERSION: "2",
            },
        )
        run(
            ID_REUSED,
            7,
            params=PARAMS | {"split.seed": "1", "train.candidates": "dummy,linear,lightgbm"},
            metrics={"test_roc_auc": 0.85},
            tags=verdict | {tracking.DECISION: "champion", tracking.MODEL_VERSION: "2"},
        )
        run(
            ID_FAILED, 10, status="FAILED", params=PARAMS, tags={tracking.STAGES: "validate=failed"}
        )
        run(
            ID_REJECTED,
            15,
            params=PARAMS,
            metrics={"test_roc_auc": 0.52, "baseline_test_roc_auc": 0.5},
            tags=verdict
            | {
                tracking.WINNER: "dummy",
                tracking.DECISION: "rejected",
                tracking.REASON: "beats the baseline by 0.02 < 0.05",
            },
        )
        run(
            ID_HOUSING,
            20,
            experiment=housing,
            metrics={"test_rmse": 3.2, "baseline_test_rmse": 9.1},
            tags={tracking.PRIMARY: "rmse", tracking.DECISION: "challenger"},
        )
    assert uuid.uuid4 is real and not ids
    client.create_registered_model("churn")
    for run_id in (ID_OLD, ID_NEW):
        client.create_model_version("churn", f"runs:/{run_id}/model", run_id=run_id)
    client.set_registered_model_alias("churn", tracking.CHAMPION, "2")
    yield {"uri": uri, "empty": f"sqlite:///{root / 'empty.db'}"}


@pytest.fixture(scope="module")
def client(store: dict[str, str]) -> Any:
    return tracking.connect(store["uri"])


def _fails(result: tuple[int, str, str], code: int, *lines: str) -> None:
    exit_code, _, err = result
    assert exit_code == code, err
    for line in lines:
        assert line in err, err
    assert "Traceback" not in err and "unexpected internal error" not in err


# --- library ---------------------------------------------------------------------------------


def test_list_runs_newest_first_with_champion_and_failed(client: Any) -> None:
    runs = exp.list_runs(client)
    assert list(runs["run_id"]) == [ID_HOUSING, ID_REJECTED, ID_FAILED, ID_REUSED, ID_NEW, ID_OLD]
    by_id = runs.set_index("run_id")
    assert by_id.loc[ID_FAILED, "status"] == "FAILED"
    # The alias is on version 2: the run that registered it and the rerun that reused it.
    assert list(runs.loc[runs["champion"], "run_id"]) == [ID_REUSED, ID_NEW]
    assert by_id.loc[ID_NEW, "test"] == pytest.approx(0.85)
    assert by_id.loc[ID_HOUSING, "test"] == pytest.approx(3.2)  # its own primary metric: rmse
    assert by_id.loc[ID_OLD, "decision"] == "champion" and by_id.loc[ID_OLD, "model_version"] == "1"


def test_list_runs_one_experiment_and_limit(client: Any) -> None:
    runs = exp.list_runs(client, experiment="churn", limit=2)
    assert list(runs["run_id"]) == [ID_REJECTED, ID_FAILED]
    assert set(exp.list_runs(client, experiment="housing")["run_id"]) == {ID_HOUSING}
    with pytest.raises(NotFoundError, match="unknown experiment 'churm'") as info:
        exp.list_runs(client, experiment="churm")
    assert "Did you mean 'churn'?" in info.value.hint
    with pytest.raises(UsageError, match="--limit must be at least 1, got 0"):
        exp.list_runs(client, limit=0)


def test_find_run_by_id_and_prefix(client: Any) -> None:
    assert exp.find_run(client, ID_NEW).info.run_id == ID_NEW
    assert exp.find_run(client, "ABCD2").info.run_id == ID_NEW  # case does not matter
    assert exp.find_run(client, "f00d").info.run_id == ID_FAILED
    with pytest.raises(UsageError, match=r"prefix 'abcd' is ambiguous: it matches 2 runs") as info:
        exp.find_run(client, "abcd")
    assert "abcd11110000" in info.value.message and "abcd22220000" in info.value.message
    with pytest.raises(UsageError, match=r"run id 'abc' is too short \(3 characters"):
        exp.find_run(client, "abc")
    with pytest.raises(NotFoundError, match="no run with id '9999'"):
        exp.find_run(client, "9999")
    with pytest.raises(NotFoundError, match=r"no run with id '9{32}'"):
        exp.find_run(client, "9" * 32)


def test_compare_runs_params_metrics_hashes(client: Any) -> None:
    diff = exp.compare_runs(client, "abcd1", "abcd2")
    assert (diff.a.run_id, diff.b.run_id) == (ID_OLD, ID_NEW)
    changed = diff.params_changed.set_index("param")
    assert list(changed.index) == ["split.seed", "train.candidates"]
    assert tuple(changed.loc["split.seed"]) == ("0", "1")
    assert diff.params_same_count == len(PARAMS) - 2
    metrics = diff.metrics.set_index("metric")
    assert metrics.loc["test_roc_auc", "delta"] == pytest.approx(0.05)
    assert metrics.loc["fold_roc_auc min", "a"] == pytest.approx(0.77)  # the whole series
    assert metrics.loc["fold_roc_auc count", "delta"] == pytest.approx(-2)
    assert math.isnan(metrics.loc["champion_test_roc_auc", "a"])  # A had no champion to beat
    assert list(diff.metrics["group"].drop_duplicates()) == [
        "held-out",
        "baseline",
        "champion",
        "cv",
        "folds",
        "other",
    ]
    assert diff.metrics["metric"].iloc[0] == "test_roc_auc"
    assert diff.same_data and not diff.same_config
    assert diff.split_changes == ["split.seed"] and not diff.same_test_rows


def test_open_store_creates_nothing(aieng_home: Path) -> None:
    assert exp.open_store() is None
    assert exp.open_store(f"sqlite:///{aieng_home / 'elsewhere.db'}") is None
    assert list(aieng_home.iterdir()) == []
    with pytest.raises(NotFoundError, match="there are no experiments yet: no tracking store"):
        exp.require_store()


# --- command line ----------------------------------------------------------------------------


def test_cli_list(cli: Cli, store: dict[str, str]) -> None:
    code, out, err = cli("experiments", "list", "--tracking-uri", store["uri"], "--reasons")
    assert code == 0, err
    lines = out.splitlines()
    assert lines.index(_line(lines, "b0b05555")) < lines.index(_line(lines, "abcd2222"))
    newest = _line(lines, "abcd2222")
    assert "★" in newest and "0.8500" in newest and "LightGBM" in newest and "champion" in newest
    assert "★" not in _line(lines, "abcd1111")
    assert "FAILED" in _line(lines, "f00dfa11")
    assert "rejected" in _line(lines, "eeee3333") and "0.02 < 0.05" in out
    assert "\nhousing\n" in out and "\nchurn\n" in out  # one table per experiment
    housing, churn = out.split("\nchurn\n")
    assert "rmse" in housing and "roc_auc" in churn  # each its own primary metric


def test_cli_list_one_experiment(cli: Cli, store: dict[str, str]) -> None:
    code, out, _ = cli("experiments", "list", "-e", "churn", "--tracking-uri", store["uri"])
    assert code == 0 and "b0b05555" not in out and "abcd2222" in out
    assert "--limit N shows more" not in out  # all five churn runs fit in the default 20
    code, out, _ = cli("experiments", "list", "-n", "2", "--tracking-uri", store["uri"])
    assert code == 0 and "Only the newest 2 are shown: --limit N shows more." in out
    assert "baseline" in _line(out.splitlines(), "roc_auc")  # the header names the primary
    _fails(
        cli("experiments", "list", "--limit", "0", "--tracking-uri", store["uri"]),
        2,
        "Error: --limit must be at least 1, got 0",
    )
    _fails(
        cli("experiments", "list", "-e", "churm", "--tracking-uri", store["uri"]),
        2,
        "Error: unknown experiment 'churm'",
        "Hint: Did you mean 'churn'? Run `aieng experiments list` to see them all.",
    )


def test_cli_list_empty_store(cli: Cli, store: dict[str, str], aieng_home: Path) -> None:
    code, out, _ = cli("experiments", "list")
    assert code == 0 and "No experiments yet in sqlite:///" in out
    assert "aieng pipeline run" in out and "aieng run m06" in out
    assert not (aieng_home / "mlflow").exists()  # a read creates no store
    code, out, _ = cli("experiments", "list", "--tracking-uri", store["empty"])
    assert code == 0 and "No experiments yet" in out
    code, out, _ = cli("experiments", "list", "-e", "no-runs", "--tracking-uri", store["uri"])
    assert code == 0 and "No runs yet in experiment 'no-runs'. Run `aieng pipeline run`" in out
    _fails(
        cli("experiments", "compare", "abcd1", "abcd2"),
        2,
        "Error: there are no experiments yet",
        "Hint: Run `aieng pipeline run`",
    )


def test_cli_compare(cli: Cli, store: dict[str, str]) -> None:
    code, out, err = cli(
        "experiments", "compare", "abcd1111", ID_NEW, "--tracking-uri", store["uri"]
    )
    assert code == 0, err
    assert "Params: 2 differ, 4 the same" in out
    assert "dummy,linear,lightgbm" in _line(out.splitlines(), "train.candidates")
    assert "+0.0500" in _line(out.splitlines(), "test_roc_auc")
    assert "Data:   same" in out and "Config: different" in out
    assert "Held-out rows: not the same (split.seed differs)" in out
    assert "1,409" in _line(out.splitlines(), "rows_test")  # a count, shown as one


@pytest.mark.parametrize(
    ("refs", "code", "error", "hint"),
    [
        (
            ("abcd", "f00d"),
            2,
            "Error: run id prefix 'abcd' is ambiguous: it matches 2 runs",
            "Hint: give more characters",
        ),
        (
            ("ab", "f00d"),
            2,
            "Error: run id 'ab' is too short (2 characters; a prefix needs 4)",
            "Hint: give at least 4",
        ),
        (
            ("f00d", "9999"),
            2,
            "Error: no run with id '9999'",
            "Hint: `aieng experiments list` shows the run ids",
        ),
    ],
)
def test_cli_compare_errors(
    cli: Cli, store: dict[str, str], refs: tuple[str, str], code: int, error: str, hint: str
) -> None:
    _fails(cli("experiments", "compare", *refs, "--tracking-uri", store["uri"]), code, error, hint)


def _line(lines: list[str], text: str) -> str:
    return next(line for line in lines if text in line)
