"""Month 10's service in-process (FastAPI's TestClient): schema errors, auth, limits, feedback,
the model endpoint, metrics, offline docs and reload. The model is a real month-6 champion."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from serve_setup import ADMIN, KEY, RECORD, logged_row, settings_for

from aieng.errors import NotFoundError
from aieng.serve.app import create_app
from aieng.serve.model import load_dir


def test_predict_one_record(shared_client: TestClient, churn_model_dir: Path) -> None:
    r = shared_client.post("/v1/predict", json=RECORD)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["model"] == "churn" and body["version"] == "1"
    assert 0.0 <= body["probability"] <= 1.0
    assert body["decision"] == (body["probability"] >= body["threshold"])
    assert body["label"] == ("Yes" if body["decision"] else "No")
    assert len(body["prediction_id"]) == 32 and r.headers["x-request-id"]
    # The same number as the exported Pipeline itself gives.
    expected = load_dir(churn_model_dir, compile=False).probabilities([RECORD])[0]
    assert body["probability"] == pytest.approx(expected, abs=1e-12)


def test_predict_a_batch_and_every_prediction_is_logged(shared_client: TestClient) -> None:
    records = [dict(RECORD, tenure=t, total_charges=t * 99.5) for t in (1, 12, 24, 60)]
    r = shared_client.post("/v1/predict", json=records)
    assert r.status_code == 200, r.text
    preds = r.json()["predictions"]
    assert len(preds) == 4 and len({p["prediction_id"] for p in preds}) == 4
    assert preds[0]["probability"] > preds[3]["probability"]  # longer tenure, less churn
    logged = shared_client.app.state.service.predlog.frame()  # type: ignore[attr-defined]
    assert set(logged["id"]) >= {p["prediction_id"] for p in preds}


@pytest.mark.parametrize(
    ("change", "field", "allowed"),
    [
        ({"tenure": -3}, "tenure", "an integer from 0 to 120"),
        ({"tenure": "twelve"}, "tenure", "an integer from 0 to 120"),
        ({"contract": "Monthly"}, "contract", "one of 'Month-to-month', 'One year', 'Two year'"),
        ({"partner": "maybe"}, "partner", "true or false"),
        ({"monthly_charges": None}, "monthly_charges", "a number from 0 to 1000"),
        ({"tenur": 3}, "tenur", "only the fields listed by GET /v1/model"),
    ],
)
def test_a_record_that_breaks_the_contract_gets_a_422_naming_the_field(
    shared_client: TestClient, change: dict[str, Any], field: str, allowed: str
) -> None:
    r = shared_client.post("/v1/predict", json={**RECORD, **change})
    assert r.status_code == 422
    (problem,) = r.json()["detail"]
    assert problem["field"] == field and problem["allowed"] == allowed
    assert problem["received"] == next(iter(change.values()))


def test_a_missing_field_and_a_misspelt_one_are_named(shared_client: TestClient) -> None:
    record = {k: v for k, v in RECORD.items() if k != "tenure"} | {"tenur": 2}
    r = shared_client.post("/v1/predict", json=[RECORD, record])
    assert r.status_code == 422
    problems = {p["field"]: p for p in r.json()["detail"]}
    assert problems["[1].tenure"]["allowed"].startswith("a value (an integer")
    assert "did you mean 'tenure'?" in problems["[1].tenur"]["message"]


def test_nullable_and_audit_fields_may_be_null_or_absent(shared_client: TestClient) -> None:
    r = shared_client.post("/v1/predict", json={**RECORD, "total_charges": None, "female": True})
    assert r.status_code == 200, r.text


def test_limits_batch_body_size_and_bad_json(shared_client: TestClient) -> None:
    r = shared_client.post("/v1/predict", json=[RECORD] * 51)
    assert r.status_code == 422
    assert r.json()["detail"][0]["allowed"] == "at most 50 records per request"
    r = shared_client.post("/v1/predict", content=b"[" + b" " * 30_000 + b"]")
    assert r.status_code == 413 and "20,000 bytes" in r.json()["error"]
    r = shared_client.post("/v1/predict", content=b'{"tenure": 1,')
    assert r.status_code == 422 and r.json()["detail"][0]["allowed"] == "valid JSON"
    r = shared_client.post("/v1/predict", json=[])
    assert r.status_code == 422


def test_limits_apply_to_streamed_bodies_without_a_length(shared_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"["
        for _ in range(60):
            yield json.dumps(RECORD).encode() + b","
        yield b"{}]"

    r = shared_client.post("/v1/predict", content=chunks())
    assert r.status_code == 413


def test_predict_needs_a_key_when_keys_are_configured(shared_client: TestClient) -> None:
    assert (
        shared_client.post("/v1/predict", json=RECORD, headers={"X-API-Key": ""}).status_code == 401
    )
    r = shared_client.post("/v1/predict", json=RECORD, headers={"X-API-Key": "wrong"})
    assert r.status_code == 401 and r.json()["hint"].startswith("send your key")
    assert (
        shared_client.post("/v1/predict", json=RECORD, headers={"X-API-Key": ADMIN}).status_code
        == 200
    )


def test_admin_endpoints_need_the_admin_key(client: TestClient) -> None:
    assert client.post("/v1/admin/reload", headers={"X-API-Key": ""}).status_code == 401
    r = client.post("/v1/admin/reload")  # the client's default header: a predict key
    assert r.status_code == 403 and "admin" in r.json()["error"]
    r = client.post("/v1/admin/reload", headers={"X-API-Key": ADMIN})
    assert r.status_code == 200 and r.json()["current"]["version"] == "1"


def test_keys_are_never_logged(shared_client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="aieng.serve"):
        shared_client.post("/v1/predict", json=RECORD)
        shared_client.post("/v1/predict", json=RECORD, headers={"X-API-Key": "wrong-key-attempt"})
    text = " ".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    assert "request_id" in text
    assert KEY not in text and "wrong-key-attempt" not in text and ADMIN not in text


def test_feedback_is_stored_for_a_known_prediction(shared_client: TestClient) -> None:
    pid = shared_client.post("/v1/predict", json=RECORD).json()["prediction_id"]
    r = shared_client.post("/v1/feedback", json={"prediction_id": pid, "outcome": "Yes"})
    assert r.status_code == 200 and r.json()["outcome"] is True
    assert bool(logged_row(shared_client, pid)["outcome"]) is True
    r = shared_client.post("/v1/feedback", json={"prediction_id": "nope", "outcome": True})
    assert r.status_code == 404 and "nope" in r.json()["error"]
    r = shared_client.post("/v1/feedback", json={"prediction_id": pid, "outcome": "Maybe"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "outcome"


def test_model_health_ready_and_metrics(shared_client: TestClient) -> None:
    info = shared_client.get("/v1/model").json()
    assert info["name"] == "churn" and info["version"] == "1"
    assert info["features"][:2] == ["partner", "dependents"] and info["data_hash"]
    assert info["request_schema"]["properties"]["tenure"]["maximum"] == 120
    assert shared_client.get("/health").json() == {"status": "ok"}
    assert shared_client.get("/ready").json()["ready"] is True
    shared_client.post("/v1/predict", json=RECORD)
    shared_client.post("/v1/predict", json={**RECORD, "tenure": -1})
    text = shared_client.get("/metrics").text
    assert 'aieng_requests_total{route="/v1/predict",status="200"}' in text
    assert 'aieng_requests_total{route="/v1/predict",status="422"}' in text
    assert "aieng_request_seconds_bucket" in text and "aieng_prediction_probability" in text
    assert 'aieng_model_info{name="churn",version="1"} 1.0' in text


def test_a_log_that_cannot_be_written_makes_the_service_not_ready(
    tmp_path: Path, client: TestClient
) -> None:
    assert client.get("/ready").status_code == 200
    (tmp_path / "predictions.db").unlink()  # deleted while the service runs
    r = client.post("/v1/predict", json=RECORD)
    assert r.status_code == 503 and r.headers["retry-after"] == "1"
    r = client.get("/ready")
    assert r.status_code == 503 and r.json()["ready"] is False
    assert "deleted, moved or replaced" in r.json()["reason"]
    assert client.get("/health").status_code == 200  # alive, not ready


def test_docs_render_offline(shared_client: TestClient) -> None:
    html = shared_client.get("/docs").text
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    scripts = [part.split('"')[0] for part in html.split('src="')[1:]]
    assert scripts and all(shared_client.get(s).status_code == 200 for s in scripts)


def test_reload_switches_the_model_atomically(tmp_path: Path, churn_model_dir: Path) -> None:
    first = load_dir(churn_model_dir)
    versions = iter(["1", "2"])

    def loader() -> Any:
        from dataclasses import replace

        return replace(first, version=next(versions))

    app = create_app(settings_for(tmp_path, churn_model_dir), loader=loader)
    with TestClient(app, headers={"X-API-Key": KEY}) as c:
        assert c.post("/v1/predict", json=RECORD).json()["version"] == "1"
        r = c.post("/v1/admin/reload", headers={"X-API-Key": ADMIN})
        assert r.json() == {
            "previous": {"name": "churn", "version": "1"},
            "current": {"name": "churn", "version": "2"},
        }
        assert c.post("/v1/predict", json=RECORD).json()["version"] == "2"
        assert 'aieng_model_info{name="churn",version="2"} 1.0' in c.get("/metrics").text


@pytest.mark.parametrize(
    ("failure", "hint"),
    [
        (NotFoundError("no model 'churn@champion' in the registry", hint="run it"), "run it"),
        (RuntimeError("the pickle is from another Python"), "see the service's log"),
    ],
)
def test_a_failed_reload_answers_json_and_the_old_model_keeps_serving(
    tmp_path: Path, churn_model_dir: Path, failure: Exception, hint: str
) -> None:
    first = load_dir(churn_model_dir)
    calls = {"n": 0}

    def loader() -> Any:
        calls["n"] += 1
        if calls["n"] > 1:
            raise failure
        return first

    app = create_app(settings_for(tmp_path, churn_model_dir), loader=loader)
    with TestClient(app, headers={"X-API-Key": ADMIN}, raise_server_exceptions=False) as c:
        r = c.post("/v1/admin/reload")
        assert r.status_code == 500 and r.headers["content-type"] == "application/json"
        body = r.json()
        said = failure.message if isinstance(failure, NotFoundError) else str(failure)
        assert said in body["error"] and body["error"].startswith("reload failed")
        assert hint in body["hint"] and body["serving"] == {"name": "churn", "version": "1"}
        assert body["request_id"] == r.headers["x-request-id"]
        assert c.post("/v1/predict", json=RECORD).json()["version"] == "1"


def test_an_unexpected_error_is_a_json_500_with_the_request_id(
    tmp_path: Path, churn_model_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings_for(tmp_path, churn_model_dir))
    with TestClient(app, headers={"X-API-Key": KEY}, raise_server_exceptions=False) as c:
        app.state.service.batcher.predict = _broken  # a bug, as far as the client can tell
        with caplog.at_level(logging.ERROR, logger="aieng.serve"):
            r = c.post("/v1/predict", json=RECORD)
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert r.json()["error"] == "internal error" and "never a bug" not in r.text
    assert "ZeroDivisionError" not in r.text  # no internals to the client; they are logged
    (logged,) = [rec for rec in caplog.records if rec.getMessage() == "unhandled error"]
    assert "ZeroDivisionError" in caplog.text
    assert logged.request_id == r.json()["request_id"]  # type: ignore[attr-defined]


async def _broken(*_: Any) -> Any:
    return 1 / 0


def test_production_refuses_a_placeholder_admin_key(tmp_path: Path, churn_model_dir: Path) -> None:
    from aieng.errors import ConfigError

    with pytest.raises(ConfigError, match="placeholder or short admin key"):
        settings_for(tmp_path, churn_model_dir, environment="production", admin_key="change-me")
    ok = settings_for(tmp_path, churn_model_dir, environment="production")
    assert ok.environment == "production"


@pytest.mark.parametrize("keys", [(), ("",), " , "])
def test_production_refuses_to_start_with_predict_open_to_anyone(
    tmp_path: Path, churn_model_dir: Path, keys: object
) -> None:
    from aieng.errors import ConfigError

    with pytest.raises(ConfigError, match="no API key") as caught:
        settings_for(tmp_path, churn_model_dir, environment="production", api_keys=keys)
    assert "AIENG_SERVE_API_KEYS" in caught.value.hint
    open_dev = settings_for(tmp_path, churn_model_dir, api_keys=())  # development: allowed
    assert open_dev.api_keys == ()


def test_a_model_folder_without_a_contract_is_refused(tmp_path: Path) -> None:
    from aieng.errors import InputFileError

    with pytest.raises(InputFileError, match="not an MLflow model folder"):
        load_dir(tmp_path)


def test_the_logged_inputs_are_the_validated_record(shared_client: TestClient) -> None:
    r = shared_client.post("/v1/predict", json={**RECORD, "tenure": 7})
    inputs = logged_row(shared_client, r.json()["prediction_id"])["inputs"]
    inputs = json.loads(inputs) if isinstance(inputs, str) else inputs
    assert inputs["tenure"] == 7 and inputs["contract"] == "Month-to-month"


def test_export_writes_nothing_into_the_working_folder(
    tmp_path: Path, churn_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aieng.registry import tracking, versions

    monkeypatch.chdir(tmp_path)  # MLflow's default store would be ./mlflow.db
    client = tracking.connect(f"sqlite:///{churn_model_dir.parent / 'mlflow.db'}")
    versions.export_model(client, "churn/1", tmp_path / "again")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again"]


def test_a_dot_env_in_the_working_folder_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aieng.serve.settings import ServeSettings

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("AIENG_SERVE_MODEL_DIR=/elsewhere\nAIENG_SERVE_PORT=9999\n")
    settings = ServeSettings()
    assert settings.model_dir is None and settings.port == 8000


def test_serve_reads_an_env_file_only_when_named(cli: Any, tmp_path: Path) -> None:
    env = tmp_path / "serve.env"
    env.write_text(f"AIENG_SERVE_MODEL_DIR={tmp_path / 'no-such-model'}\n")
    code, _, err = cli("serve", "--env-file", str(env))
    assert code != 0 and "no-such-model" in err and "is not a folder" in err  # it was read
    code, _, err = cli("serve", "--env-file", str(tmp_path / "missing.env"))
    assert code != 0 and "--env-file" in err and "is not a file" in err


def test_serve_without_a_registered_model_says_so_without_a_traceback(cli: Any) -> None:
    code, out, err = cli("serve")  # an empty AIENG_HOME: no registry, no champion
    assert code != 0
    assert "no model 'churn@champion' in the registry" in err and "aieng pipeline run" in err
    assert "Traceback" not in out + err


def test_serve_refuses_a_changed_model_folder_before_starting(
    cli: Any, tmp_path: Path, churn_model_dir: Path
) -> None:
    import shutil

    copy = shutil.copytree(churn_model_dir, tmp_path / "model")
    with (copy / "model.pkl").open("ab") as fh:
        fh.write(b"\0")
    code, _, err = cli("serve", "--model-dir", str(copy))
    assert code != 0 and "was changed, added or removed" in err and "Traceback" not in err


PUBLIC = {"/health", "/ready", "/metrics", "/docs", "/docs/oauth2-redirect", "/redoc",
          "/openapi.json"}  # fmt: skip


def test_every_route_but_the_probes_and_the_docs_refuses_a_request_without_a_key(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    """Authentication is declared per router: a route a later month adds is protected too."""
    from fastapi import APIRouter
    from fastapi.routing import iter_route_contexts

    later = APIRouter()

    @later.get("/v1/monitor/drift")
    async def drift() -> dict[str, str]:  # what month 11 might add
        return {"drift": "none"}

    app = create_app(settings_for(tmp_path, churn_model_dir), routers=[later])
    routes = [(str(r.path), sorted(r.methods or ())) for r in iter_route_contexts(app.routes)]
    checked = 0
    with TestClient(app) as c:  # no X-API-Key header
        for path, methods in routes:
            if path in PUBLIC or path.startswith("/static-offline-docs"):
                continue
            for method in methods:
                r = c.request(method, path, json={})
                assert r.status_code == 401, (method, path, r.status_code)
                assert r.headers["www-authenticate"] == "ApiKey"
                checked += 1
        assert c.get("/v1/monitor/drift", headers={"X-API-Key": KEY}).status_code == 200
    assert checked >= 5  # predict, feedback, model, reload, the later route


def test_metrics_are_labelled_by_the_route_that_matched(shared_client: TestClient) -> None:
    shared_client.post("/v1/predict", json=RECORD)
    shared_client.get("/no/such/path/123")
    shared_client.get("/v1/predict/../../etc")
    text = shared_client.get("/metrics").text
    assert 'aieng_requests_total{route="/v1/predict",status="200"}' in text
    assert 'route="other",status="404"' in text
    assert "/no/such/path" not in text and "etc" not in text  # a scanner adds no label


def test_every_dependency_and_route_of_the_service_runs_on_the_event_loop(
    shared_client: TestClient,
) -> None:
    """A plain ``def`` dependency or route is run in FastAPI's thread pool: a hop per request
    that cost 14 % of 1-row throughput when ``service()`` was one (benchmarks/serving)."""
    import inspect

    from fastapi.routing import iter_route_contexts

    def calls(dependant: Any) -> Iterator[Any]:
        yield dependant.call
        for sub in dependant.dependencies:
            yield from calls(sub)

    found = []
    for route in iter_route_contexts(shared_client.app.routes):  # type: ignore[attr-defined]
        dependant = getattr(route, "dependant", None)  # None: the docs, Starlette's own routes
        if dependant is not None:
            found += [(route.path, c) for c in calls(dependant) if c is not None]
    blocking = [(path, c.__name__) for path, c in found if not inspect.iscoroutinefunction(c)]
    assert len(found) >= 10 and not blocking, (len(found), blocking)
