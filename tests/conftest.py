"""Shared test fixtures: every test runs with its own empty ``$AIENG_HOME`` and no network."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def aieng_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point ``AIENG_HOME`` at a fresh folder so no test reads or writes the user's real one."""
    home = tmp_path_factory.mktemp("aieng-home")
    monkeypatch.setenv("AIENG_HOME", str(home))
    # Nor the developer's artifact store: an S3 root in the shell would send every test there.
    monkeypatch.delenv("AIENG_ARTIFACTS", raising=False)
    yield home


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``aieng ARGS…`` in-process; return ``(exit_code, stdout, stderr)``."""
    from typer.testing import CliRunner

    from aieng.cli.main import app

    def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args), input=input, prog_name="aieng")
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture(scope="session")
def churn_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real month-6 champion, exported as an MLflow model folder (trained once per run).

    The churn pipeline on a 1,500-customer sample with two candidates: about 20 s, the price of
    serving tests that load exactly what `aieng pipeline export` writes. Under pytest-xdist
    (`make test-fast`) each worker is a process with sessions of its own, so a session fixture
    would train once per worker: instead the first worker to get here trains it in a folder
    all the workers of the run share, while the others wait on a file lock, then read it.
    Tests only read the model and its store; one that changes them works on a copy.
    """
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # set in xdist's workers only
        shared = shared.parent  # the run's folder: each worker's basetemp is inside it
    root = shared / "churn-model"
    with FileLock(shared / "churn-model.lock"):
        if not (root / "model").is_dir():  # the export is the last step: a whole model
            _train_churn_champion(root)
    return root / "model"


def _train_churn_champion(root: Path) -> Path:
    """Run the churn pipeline into ``root`` and export its champion to ``root / "model"``."""
    import tomllib

    from aieng.datasets import load
    from aieng.pipeline import run_pipeline
    from aieng.pipeline.config import default_text, parse
    from aieng.registry import tracking, versions

    shutil.rmtree(root, ignore_errors=True)  # a worker that died halfway left a partial store
    root.mkdir()
    load("telco_churn").sample(1500, random_state=0).to_parquet(root / "churn.parquet")
    values = tomllib.loads(default_text())
    values["data"]["source"] = "churn.parquet"
    values["train"] = {"candidates": ["dummy", "linear"], "folds": 3}
    config = parse(values, source="test config", base_dir=root)
    uri = f"sqlite:///{root / 'mlflow.db'}"
    run_pipeline(config, tracking_uri=uri, workspace=root / "workspace")
    return versions.export_model(tracking.connect(uri), "churn@champion", root / "model")
