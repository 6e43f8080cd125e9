"""Month 10's service on a real socket (127.0.0.1 only): reload under load, SIGKILL under load.

These are the two promises a unit test cannot check: a reload never fails a request, and a
200 is never lost — not even when the process is killed with SIGKILL while requests fly.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from aieng.serve.app import create_app
from aieng.serve.local import free_port, running, wait_ready
from aieng.serve.model import load_dir
from aieng.serve.settings import ServeSettings

pytestmark = [pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]
ADMIN = "admin-key-0123456789ab"
RECORD: dict[str, Any] = {
    "partner": False, "dependents": False, "tenure": 5, "phone_service": True,
    "multiple_lines": "No", "internet_service": "DSL", "online_security": "Yes",
    "online_backup": "No", "device_protection": "No", "tech_support": "Yes",
    "streaming_tv": "No", "streaming_movies": "No", "contract": "One year",
    "paperless_billing": False, "payment_method": "Mailed check",
    "monthly_charges": 55.0, "total_charges": 275.0,
}  # fmt: skip


@pytest.fixture(params=[None, True], ids=["model-in-server", "model-process"])
def live(
    request: pytest.FixtureRequest, tmp_path: Path, churn_model_dir: Path
) -> Iterator[tuple[str, Any]]:
    """The app under uvicorn in a thread; the loader alternates the version 1, 2, 1, 2, …

    Twice: as served by default (the compiled model scores in the server's process), and with
    the model in its own process (how a model that cannot be compiled is served).
    """
    first = load_dir(churn_model_dir)
    count = {"n": 0}

    def loader() -> Any:
        count["n"] += 1
        return replace(first, version=str(2 - count["n"] % 2))

    settings = ServeSettings(
        model_dir=churn_model_dir,
        log_url=f"sqlite:///{tmp_path / 'predictions.db'}",
        admin_key=ADMIN,
        model_process=request.param,
    )
    app = create_app(settings, loader=loader)
    with running(app) as url:
        yield url, app


def test_reload_under_load_fails_no_request(live: tuple[str, Any]) -> None:
    url, _ = live
    statuses: list[int] = []
    versions: set[str] = set()
    stop = threading.Event()

    def client() -> None:
        with httpx.Client(base_url=url, timeout=10.0) as c:
            while not stop.is_set():
                r = c.post("/v1/predict", json=RECORD)
                statuses.append(r.status_code)
                if r.status_code == 200:
                    versions.add(r.json()["version"])

    threads = [threading.Thread(target=client) for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    with httpx.Client(base_url=url, timeout=60.0) as admin:
        for _ in range(3):
            r = admin.post("/v1/admin/reload", headers={"X-API-Key": ADMIN})
            assert r.status_code == 200, r.text
            time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    assert len(statuses) > 50
    assert set(statuses) == {200}  # not one request failed during the three switches
    assert versions == {"1", "2"}


def test_sigkill_under_load_loses_no_acknowledged_prediction(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    db = tmp_path / "predictions.db"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "AIENG_SERVE_LOG_URL": f"sqlite:///{db}",
        "AIENG_SERVE_API_KEYS": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "aieng", "serve", "--model-dir", str(churn_model_dir),
         "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    try:
        wait_ready(url)

        def client() -> None:
            with httpx.Client(base_url=url, timeout=10.0) as c:
                while not stop.is_set():
                    try:
                        r = c.post("/v1/predict", json=[RECORD, RECORD])
                    except httpx.HTTPError:
                        return  # the server died mid-request: not acknowledged
                    if r.status_code == 200:
                        with lock:
                            acknowledged.extend(p["prediction_id"] for p in r.json()["predictions"])

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 400 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.send_signal(signal.SIGKILL)  # mid-flight: requests are queued and committing
        server.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) >= 400
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM predictions")}
    lost = set(acknowledged) - stored
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged predictions were lost"


def test_aieng_predict_scores_a_table_through_the_service(
    live: tuple[str, Any], tmp_path: Path, cli: Any
) -> None:
    import pandas as pd

    from aieng.datasets import load

    url, _ = live
    table = load("telco_churn").head(250)
    source = tmp_path / "customers.csv"
    table.to_csv(source, index=False)
    out = tmp_path / "scored.csv"
    code, stdout, stderr = cli("predict", str(source), "--url", url, "-o", str(out))
    assert code == 0, stderr
    assert "Scored 250 rows" in stdout
    scored = pd.read_csv(out)
    assert len(scored) == 250 and list(scored.columns[:20]) == list(table.columns)
    assert scored["probability"].between(0, 1).all() and scored["prediction_id"].is_unique
    # The service logged all of them: 100 + 100 + 50 rows in three requests.
    code, _, stderr = cli("predict", str(source), "--url", url, "-o", str(out))
    assert code == 1 and "already exists" in stderr


def test_the_client_explains_refusals_and_an_unreachable_service(live: tuple[str, Any]) -> None:
    from aieng.serve.client import ServiceClient, ServiceError

    url, _ = live
    with ServiceClient(url) as api:
        with pytest.raises(ServiceError, match=r"tenure = -1") as caught:
            api.predict({**RECORD, "tenure": -1})
        assert "an integer from 0 to 120" in caught.value.hint
        assert api.feedback(api.predict(RECORD)["prediction_id"], "No")["outcome"] is False
    with ServiceClient(f"http://127.0.0.1:{free_port()}") as gone:
        with pytest.raises(ServiceError, match="cannot reach the service") as caught:
            gone.model()
        assert "aieng serve" in caught.value.hint
