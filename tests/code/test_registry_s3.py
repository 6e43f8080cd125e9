"""The registry with its artifacts on an S3-compatible store, as on a cloud.

moto's server plays the store: a real HTTP endpoint on 127.0.0.1 that speaks S3, kept in memory
and started in this process (no container; every host but 127.0.0.1 is blocked, so neither moto
nor boto3 reaches out). The metadata stays in a SQLite file; only the files (the model, the
report) go to the bucket. What is checked: a model round-trips through the bucket and predicts
exactly as before; the objects really are in the bucket; a changed object stops the export; and
a wrong endpoint, bucket or key is the house's error, before a run starts.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from aieng.errors import UsageError
from aieng.integrity import DIGEST_FILE, IntegrityError
from aieng.registry import models, tracking, versions
from aieng.serve.local import free_port

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

KEY_ID, SECRET = "aieng-test-key", "aieng-test-secret"  # moto accepts any key; a real store not


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """moto's S3 server on a free loopback port, for this module's tests."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one log line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One tracking store for the module (a new SQLite store costs seconds of migrations);
    each test uses names of its own in it."""
    return tracking.connect(f"sqlite:///{tmp_path_factory.mktemp('s3-registry') / 'mlflow.db'}")


def _name() -> str:
    return f"demo-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def s3_env(endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """MLflow's and boto3's standard variables, pointing at moto; nothing read from ~/.aws."""
    monkeypatch.setenv("MLFLOW_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    # A developer's own AWS files and a cloud machine's metadata service stay out of the test.
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return endpoint


def _s3(endpoint: str) -> Any:
    """A boto3 client of our own on the store: the test looks into the bucket behind MLflow."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )


@pytest.fixture
def bucket(s3_env: str) -> str:
    """A new, empty bucket (made the way an operator makes one: once, outside aieng)."""
    name = f"aieng-{uuid.uuid4().hex[:12]}"
    _s3(s3_env).create_bucket(Bucket=name)
    return name


def _keys(endpoint: str, bucket: str) -> list[str]:
    pages = _s3(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return [obj["Key"] for page in pages for obj in page.get("Contents", [])]


def _data() -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"tenure": rng.uniform(0, 72, 200), "charges": rng.uniform(18, 120, 200)})
    y = pd.Series((X["charges"] / 120 - X["tenure"] / 72 + rng.normal(0, 0.3, 200)) > 0)
    return X, y.map({True: "Yes", False: "No"})


def _register(client: Any, root: str | None) -> tuple[str, Any, pd.DataFrame]:
    """A small scikit-learn model registered as version 1 of a new name, artifacts at ``root``
    (None: where the tracking server puts them)."""
    X, y = _data()
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    name = _name()
    run = client.create_run(tracking.experiment_id(client, name, root))
    versions.ensure_registered_model(client, name, "a model on S3")
    version = models.log_model(
        run.info.run_id,
        client,
        model,
        name=name,
        train_key="k1",
        X_example=X.head(3),
        X_train=X,
        classification=True,
        metadata_={},
    )
    assert version == "1"
    return name, model, X


# --- the round trip ---------------------------------------------------------------------------


def test_a_model_round_trips_through_the_bucket(
    store: Any, tmp_path: Path, s3_env: str, bucket: str
) -> None:
    name, model, X = _register(store, f"s3://{bucket}/aieng")
    source = store.get_model_version_download_uri(name, "1")
    assert source.startswith(f"s3://{bucket}/aieng/")
    # The files are in the bucket, under the prefix; none beside the SQLite file.
    keys = _keys(s3_env, bucket)
    assert all(key.startswith("aieng/") for key in keys)
    assert {"MLmodel", "model.pkl", "requirements.txt"} <= {key.rsplit("/", 1)[1] for key in keys}
    assert not (Path(store.tracking_uri.removeprefix("sqlite:///")).parent / "artifacts").exists()

    folder = versions.export_model(store, f"{name}/1", tmp_path / "model")
    _, recorded = versions.recorded_digest(store, f"{name}/1")
    assert (folder / DIGEST_FILE).read_text().strip() == recorded
    loaded = models.load_model(folder)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert list(loaded.predict(X)) == list(model.predict(X))


def test_a_changed_object_in_the_bucket_stops_the_export(
    store: Any, tmp_path: Path, s3_env: str, bucket: str
) -> None:
    name, _, _ = _register(store, f"s3://{bucket}/aieng")
    [pickle_key] = [key for key in _keys(s3_env, bucket) if key.endswith("/model.pkl")]
    # Whoever can write to the bucket can swap the pickle, which is code the loader would run.
    _s3(s3_env).put_object(Bucket=bucket, Key=pickle_key, Body=b"not the model that was logged")
    with pytest.raises(IntegrityError, match=f"{name} version 1"):
        versions.export_model(store, f"{name}/1", tmp_path / "model")
    assert not (tmp_path / "model").exists()  # nothing half-exported to load by mistake


def test_the_environment_variable_sets_the_root(
    store: Any, s3_env: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(tracking.ARTIFACTS_ENV, f"s3://{bucket}/from-env/")
    exp = store.get_experiment(tracking.experiment_id(store, _name()))
    assert exp.artifact_location == f"s3://{bucket}/from-env"


@pytest.mark.slow
def test_the_pipeline_registers_and_serves_a_model_from_the_bucket(
    cli: Any, tmp_path: Path, s3_env: str, bucket: str, aieng_home: Path
) -> None:
    """`aieng pipeline run --artifacts s3://…`, then the service loads the champion (20-30 s)."""
    import joblib  # type: ignore[import-untyped]

    from aieng.datasets import load
    from aieng.pipeline.config import default_text
    from aieng.serve.model import load_registered

    data = load("telco_churn").sample(1500, random_state=0)  # as conftest's churn_model_dir
    data.to_parquet(tmp_path / "churn.parquet")
    config = tmp_path / "pipeline.toml"
    config.write_text(_small(default_text()))
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    code, out, err = cli(
        "pipeline", "run", "--config", str(config), "--tracking-uri", uri,
        "--artifacts", f"s3://{bucket}/pipelines",
    )  # fmt: skip
    assert code == 0, err
    assert "Registered model: churn version 1" in out
    keys = _keys(s3_env, bucket)
    names = {key.rsplit("/", 1)[1] for key in keys}
    assert {"model.pkl", "MLmodel", "report.html", "evaluation.json"} <= names

    served = load_registered("churn@champion", tracking_uri=uri)
    original = joblib.load(aieng_home / "pipelines" / "churn" / "train" / "model.joblib")
    rows = data.drop(columns=["churn"]).head(200)
    np.testing.assert_array_equal(served.pipeline.predict_proba(rows), original.predict_proba(rows))


@pytest.mark.slow
def test_through_a_tracking_server_only_mlflow_holds_the_keys(
    tmp_path: Path, s3_env: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """deploy/compose.yaml's arrangement: `mlflow server --artifacts-destination s3://…` has the
    store's keys; a client has only MLflow's address, and every file goes through MLflow (~20 s,
    most of it the server starting)."""
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    log = tmp_path / "mlflow-server.log"
    command = [sys.executable, "-m", "mlflow", "server", "--host=127.0.0.1", f"--port={port}"]
    command += ["--workers=1", f"--backend-store-uri=sqlite:///{tmp_path / 'server.db'}"]
    command += [f"--artifacts-destination=s3://{bucket}/mlflow"]  # compose's flag
    env = {**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true"}  # with s3_env's keys and endpoint
    env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"  # no job workers: seconds and CPU saved
    # A session of its own: the server starts a uvicorn process, and all of them stop together.
    server = subprocess.Popen(
        command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                assert server.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "mlflow server did not start"
                time.sleep(0.5)
        # The client: no key and no store address, only MLflow's.
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "MLFLOW_S3_ENDPOINT_URL"):
            monkeypatch.delenv(name)
        # As compose sets it for the service: without it, MLflow 3.17's client fetches each file
        # from the store itself, through a presigned URL to an address it cannot reach there.
        monkeypatch.setenv("MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD", "false")
        client = tracking.connect(f"http://127.0.0.1:{port}")
        name, model, X = _register(client, None)
        assert client.get_model_version_download_uri(name, "1").startswith("mlflow-artifacts:/")
        keys = _keys(s3_env, bucket)
        assert any(key.startswith("mlflow/") and key.endswith("/model.pkl") for key in keys)
        folder = versions.export_model(client, f"{name}/1", tmp_path / "model")
        loaded = models.load_model(folder)
        np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
        assert "/presigned/" not in log.read_text()  # every byte came through MLflow
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _small(text: str) -> str:
    """The churn config on the sample beside it, with two candidates and three folds."""
    import re

    for key, value in [
        ("source", '"churn.parquet"'),
        ("candidates", '["dummy", "linear"]'),
        ("folds", "3"),
    ]:
        text, found = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert found == 1, f"the default config has no single {key} line any more"
    return text


# --- the house's errors, before a run starts --------------------------------------------------


def test_an_unreachable_endpoint_is_named_before_anything_is_created(
    store: Any, s3_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLFLOW_S3_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")  # no one
    name = _name()
    with pytest.raises(tracking.TrackingError, match="does not answer") as caught:
        tracking.experiment_id(store, name, "s3://models/aieng")
    assert "MLFLOW_S3_ENDPOINT_URL" in caught.value.hint
    assert store.get_experiment_by_name(name) is None  # no experiment pointing nowhere


def test_a_missing_bucket_is_named_with_how_to_make_one(store: Any, s3_env: str) -> None:
    name = _name()
    with pytest.raises(tracking.TrackingError, match="bucket does not exist") as caught:
        tracking.experiment_id(store, name, "s3://no-such-bucket/aieng")
    assert "s3://no-such-bucket/aieng" in caught.value.message
    assert "create the bucket" in caught.value.hint
    assert store.get_experiment_by_name(name) is None


def test_the_cli_says_it_in_two_lines_without_a_traceback(
    cli: Any, store: Any, s3_env: str
) -> None:
    uri = store.tracking_uri  # its experiment "churn" is never created: the check comes first
    code, _, err = cli("pipeline", "run", "--tracking-uri", uri, "--artifacts", "s3://nope-nope/x")
    assert code == 1
    assert "Error: cannot use the artifact store s3://nope-nope/x: its bucket does not exist" in err
    assert "Hint: create the bucket" in err and "Traceback" not in err


def test_missing_credentials_are_named(
    store: Any, s3_env: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(tracking.TrackingError, match="no S3 credentials") as caught:
        tracking.experiment_id(store, _name(), f"s3://{bucket}/aieng")
    assert "AWS_ACCESS_KEY_ID" in caught.value.hint and "never in a config" in caught.value.hint


@pytest.mark.parametrize("code", ["InvalidAccessKeyId", "SignatureDoesNotMatch", "403"])
def test_refused_credentials_are_named(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # moto accepts any key, so the store's refusal is made here, as botocore would raise it.
    from botocore.exceptions import ClientError

    monkeypatch.setenv("MLFLOW_S3_ENDPOINT_URL", "http://store:9000")
    refused = ClientError({"Error": {"Code": code, "Message": "refused"}}, "HeadBucket")
    error = tracking.s3_error(refused, "use the artifact store s3://models")
    assert error is not None
    assert error.message.endswith("the store at http://store:9000 refused these credentials")
    assert "AWS_SECRET_ACCESS_KEY" in error.hint
    assert tracking.s3_error(ValueError("not boto's"), "anything") is None


def test_an_export_from_a_store_that_went_away_is_the_house_error(
    store: Any, tmp_path: Path, s3_env: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, _, _ = _register(store, f"s3://{bucket}/aieng")
    monkeypatch.setenv("MLFLOW_S3_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(tracking.TrackingError, match=f"cannot download {name} version 1"):
        versions.export_model(store, f"{name}/1", tmp_path / "model")
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize(
    ("root", "message"),
    [
        ("/srv/artifacts", "is not an s3://BUCKET/PREFIX URI"),
        ("gs://models/aieng", "is not an s3://BUCKET/PREFIX URI"),
        ("s3://", "is not an s3://BUCKET/PREFIX URI"),
        ("s3://AKIAEXAMPLE:hunter2@models/aieng", "holds credentials"),
    ],
)
def test_a_root_that_is_not_a_plain_s3_uri_is_refused(root: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        tracking.check_artifact_root(root)
    assert "hunter2" not in str(caught.value)  # a key is never echoed back


def test_an_experiment_keeps_the_root_it_was_created_with(store: Any) -> None:
    name = _name()
    tracking.experiment_id(store, name)  # artifacts beside the SQLite file
    with pytest.raises(tracking.TrackingError, match="keeps its artifacts at file://") as caught:
        tracking.experiment_id(store, name, "s3://models/aieng")
    assert "fixed when it is created" in caught.value.hint
