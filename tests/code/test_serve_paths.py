"""The service's fast paths give what the plain ones give: request bodies parsed from bytes,
the probability histogram fed a request at a time, the model in or out of its own process,
and a garbage collector that no longer walks the loaded libraries."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from serve_setup import ADMIN, KEY, RECORD, settings_for

from aieng.contract import Contract
from aieng.serve.app import create_app
from aieng.serve.metrics import ArrayHistogram
from aieng.serve.model import contract_rows, load_dir
from aieng.serve.schema import InvalidRequest, RecordParser, record_model
from aieng.serve.service import prepare
from aieng.serve.settings import ServeSettings


@pytest.fixture(scope="module")
def parser(churn_model_dir: Path) -> Any:
    model = load_dir(churn_model_dir, compile=False)
    return prepare(model, ServeSettings(max_batch=50)).parser


def _problems(parse: Any, body: Any) -> list[dict[str, Any]]:
    with pytest.raises(InvalidRequest) as err:
        parse(body)
    return err.value.problems


BAD_BODIES = [
    {**RECORD, "tenure": -1},
    {**RECORD, "contract": "Weekly"},
    [RECORD, {**RECORD, "tenur": 3}],
    [RECORD] * 51,
    [],
    "a string",
    [RECORD, 7],
]


def test_parse_json_gives_what_parse_gives(parser: Any, churn_model_dir: Path) -> None:
    model = load_dir(churn_model_dir, compile=False)
    many = contract_rows(model.contract, model.features, n=40)
    for body in (RECORD, [RECORD], many, {**RECORD, "total_charges": None}):
        assert parser.parse_json(orjson.dumps(body)) == parser.parse(body)
    for body in BAD_BODIES:  # the same problems, whichever way the body came
        assert _problems(parser.parse_json, orjson.dumps(body)) == _problems(parser.parse, body)
    (problem,) = _problems(parser.parse_json, b'{"tenure": 1,')
    assert problem["allowed"] == "valid JSON"


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_nan_and_infinity_are_refused_even_without_a_range(number: bytes) -> None:
    contract = Contract.from_mapping({"columns": {"x": {"type": "float"}}})  # no min, no max
    parser = RecordParser(contract, record_model(contract, features=("x",)), max_batch=10)
    assert parser.parse_json(b'{"x": 1e300}') == ([{"x": 1e300}], True)
    assert _problems(parser.parse_json, b'{"x": ' + number + b"}")  # a 422, not a 503 later
    (problem,) = _problems(parser.parse, {"x": float("inf")})
    assert problem["field"] == "x" and "finite" in problem["message"]


def test_array_histogram_exposes_what_prometheus_histogram_does() -> None:
    buckets = tuple(i / 10 for i in range(1, 11))
    values = np.concatenate([np.random.default_rng(0).random(997), [0.0, 0.1, 0.5, 1.0]])
    ours, theirs = CollectorRegistry(), CollectorRegistry()
    fast = ArrayHistogram("p", "P.", buckets=buckets, registry=ours)
    slow = Histogram("p", "P.", buckets=buckets, registry=theirs)
    for chunk in np.array_split(values, 7):
        fast.observe(chunk)
        for v in chunk:
            slow.observe(float(v))

    def samples(registry: CollectorRegistry) -> dict[str, float]:
        lines = generate_latest(registry).decode().splitlines()
        pairs = [line.rsplit(" ", 1) for line in lines if line and not line.startswith("#")]
        return {k: float(v) for k, v in pairs if not k.startswith("p_created")}

    expected = samples(theirs)
    got = samples(ours)
    assert got.keys() == expected.keys() and len(got) == len(buckets) + 3  # +Inf, count, sum
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, rel=1e-12), name


@pytest.fixture
def app_with(tmp_path: Path, churn_model_dir: Path) -> Iterator[Any]:
    clients = []

    def start(**settings: Any) -> TestClient:
        app = create_app(settings_for(tmp_path, churn_model_dir, **settings))
        client = TestClient(app, headers={"X-API-Key": KEY})
        clients.append(client.__enter__())
        return client

    yield start
    for client in clients:
        client.__exit__(None, None, None)


def _children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


def test_a_compiled_model_scores_in_the_server_and_a_pipeline_in_its_own_process(
    app_with: Any,
) -> None:
    before = _children()
    fast = app_with()
    assert fast.get("/v1/model").json()["scoring"].startswith("compiled to NumPy")
    p_fast = fast.post("/v1/predict", json=RECORD).json()["probability"]
    assert _children() == before  # no model process

    slow = app_with(compile_model=False)
    assert slow.get("/v1/model").json()["scoring"] == "scikit-learn Pipeline"
    p_slow = slow.post("/v1/predict", json=RECORD).json()["probability"]
    assert _children() > before  # the Pipeline runs in a child process
    assert p_fast == pytest.approx(p_slow, abs=1e-9)

    forced = app_with(model_process=True)  # a compiled model can be sent there too
    assert forced.post("/v1/predict", json=[RECORD, RECORD]).status_code == 200


def test_after_start_and_reload_the_loaded_objects_are_frozen(app_with: Any) -> None:
    client = app_with()
    frozen = gc.get_freeze_count()
    assert frozen > 50_000  # pandas, scikit-learn, the model: out of the collector's full passes
    r = client.post("/v1/admin/reload", headers={"X-API-Key": ADMIN})
    assert r.status_code == 200
    assert gc.get_freeze_count() > 50_000
