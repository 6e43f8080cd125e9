"""Fixtures shared by the service tests (a client of the app) and the prediction-log tests (a log
on SQLite, and on PostgreSQL: slow)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pgcluster import Server, server_binaries, throwaway_postgres
from serve_setup import KEY, settings_for

from aieng.serve.app import create_app
from aieng.serve.predlog import PredictionLog


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A prediction log in a fresh SQLite file (made by the log's ``start()``)."""
    return f"sqlite:///{tmp_path / 'log' / 'predictions.db'}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    if server_binaries() is None:
        # CI installs them (.ci/run), so there a missing server fails instead of skipping.
        if os.environ.get("CI"):
            pytest.fail("no PostgreSQL server binaries in CI: apt-get install -y postgresql")
        pytest.skip("no PostgreSQL server binaries: apt-get install -y postgresql")
    with throwaway_postgres() as server:
        yield server


BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[pytest.mark.slow, pytest.mark.allow_hosts(["127.0.0.1"])]),
]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    if request.param == "sqlite":
        return sqlite_url
    server: Server = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def log(url: str) -> Iterator[PredictionLog]:
    plog = PredictionLog(url)
    plog.start()
    yield plog
    plog.close()


LIMITS = {"max_batch": 50, "max_body_bytes": 20_000}  # small, so the tests reach them


@pytest.fixture
def client(tmp_path: Path, churn_model_dir: Path) -> Iterator[TestClient]:
    """The service in-process on a real champion, keys required (the client sends KEY).

    A service of this test's own, its log in ``tmp_path``: for a test that changes the service
    (reloads it, breaks its log) or counts what it did. A test that only reads takes
    ``shared_client``."""
    app = create_app(settings_for(tmp_path, churn_model_dir, **LIMITS))
    with TestClient(app, headers={"X-API-Key": KEY}) as c:
        yield c


@pytest.fixture(scope="session")
def shared_client(
    tmp_path_factory: pytest.TempPathFactory, churn_model_dir: Path
) -> Iterator[TestClient]:
    """The service ``client`` starts, started once per process for the tests that only read.

    They predict, get a 422, read /v1/model, the docs or whether a metric is there: nothing
    another test sees. Its log holds every one of their predictions, so a test finds its own by
    id (``serve_setup.logged_row``); a count would include the others', so a test that counts
    takes ``client``. Loading the model costs a second or two, once instead of per test."""
    app = create_app(
        settings_for(tmp_path_factory.mktemp("shared-service"), churn_model_dir, **LIMITS)
    )
    with TestClient(app, headers={"X-API-Key": KEY}) as c:
        yield c
