"""Month 10's service against careless and hostile bodies: whatever the body, the answer is a
status the API documents (never a 500), and a 422 never echoes more than a few hundred bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_setup import KEY, RECORD, logged_row, settings_for

from aieng.serve.app import create_app
from aieng.serve.schema import ECHO_DEPTH, ECHO_TEXT, echo


def nested(depth: int, *, kind: str = "list") -> object:
    """``[[[1]]]`` or ``{"a": {"a": 1}}``, ``depth`` levels deep."""
    value: object = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


def deep_json(depth: int, kind: str) -> str:
    """:func:`nested` as JSON text, written directly: json.dumps stops at ~1,000 levels."""
    opening, closing = ("[", "]") if kind == "list" else ('{"a":', "}")
    return opening * depth + "1" + closing * depth


def with_value(body: object, value_json: str) -> bytes:
    """``body`` as JSON with the string "@" replaced by ``value_json``."""
    return json.dumps(body).replace('"@"', value_json).encode()


@pytest.mark.parametrize("depth", [1, 10, 100, 253, 254, 255, 300, 600, 1000, 1023, 1024, 1100])
@pytest.mark.parametrize("kind", ["list", "dict"])
def test_deeply_nested_json_gets_a_422_on_every_route(
    shared_client: TestClient, depth: int, kind: str
) -> None:
    deep = deep_json(depth, kind)
    bodies = {
        "/v1/predict": [
            "@",  # the whole body
            {**RECORD, "tenure": "@"},  # one field
            [RECORD, {**RECORD, "contract": "@"}],  # one field of one record in a batch
        ],
        "/v1/feedback": ["@", {"prediction_id": "@", "outcome": True}],
    }
    for route, cases in bodies.items():
        for body in cases:
            raw = with_value(body, deep)
            r = shared_client.post(route, content=raw, headers={"content-type": "application/json"})
            assert r.status_code == 422, (route, depth, r.status_code, r.text[:200])
            assert len(r.content) < 4_000, len(r.content)  # the echo is capped
            assert r.json()["detail"]


def test_a_huge_value_is_not_echoed_whole(tmp_path: Path, churn_model_dir: Path) -> None:
    app = create_app(settings_for(tmp_path, churn_model_dir, max_body_bytes=4_000_000))
    with TestClient(app, headers={"X-API-Key": KEY}) as c:
        for body in (
            {**RECORD, "contract": "x" * 1_000_000},
            {**RECORD, "tenure": list(range(200_000))},
            {**RECORD, "z" * 500_000: 1},
        ):
            r = c.post("/v1/predict", json=body)
            assert r.status_code == 422
            assert len(r.content) < 4_000, len(r.content)
        r = c.post("/v1/predict", json={**RECORD, "contract": "x" * 1_000_000})
        received = r.json()["detail"][0]["received"]
        assert received.startswith("x" * 50) and "1,000,000 characters" in received


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tenure", "5"),  # a number in a string
        ("tenure", 5.5),
        ("tenure", 120.5),
        ("tenure", float("1e300")),  # whole, but out of range
        ("tenure", 10**30),  # an integer JSON allows and 64 bits do not
        ("tenure", True),
        ("partner", "yes"),
        ("partner", "true"),
        ("partner", 1),
        ("partner", 0),
        ("monthly_charges", "99.5"),
        ("contract", 1),
        ("contract", ["Month-to-month"]),
        ("total_charges", {"value": 1}),
    ],
)
def test_wrong_json_types_are_refused_not_coerced(
    shared_client: TestClient, field: str, value: object
) -> None:
    r = shared_client.post("/v1/predict", json={**RECORD, field: value})
    assert r.status_code == 422, r.text
    problem = r.json()["detail"][0]
    assert problem["field"] == field
    big = isinstance(value, int) and value > 2**63  # orjson reads it as a float
    assert problem["received"] == (float(value) if big else value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "logged_tenure"),
    [
        ({"monthly_charges": 100, "tenure": 0}, 0),  # a number field takes an integer
        ({"tenure": 5.0}, 5),  # JSON Schema: a number with no fraction is an integer
        ({"tenure": 120.0}, 120),
    ],
)
def test_the_right_json_types_are_taken(
    shared_client: TestClient, changes: dict[str, object], logged_tenure: int
) -> None:
    r = shared_client.post("/v1/predict", json={**RECORD, **changes})
    assert r.status_code == 200, r.text
    logged = logged_row(shared_client, r.json()["prediction_id"])["inputs"]
    assert logged["tenure"] == logged_tenure and type(logged["tenure"]) is int


def test_feedback_types_are_strict(shared_client: TestClient) -> None:
    pid = shared_client.post("/v1/predict", json=RECORD).json()["prediction_id"]
    for body in (
        {"prediction_id": 123, "outcome": True},
        {"prediction_id": pid, "outcome": 1},
        {"prediction_id": pid, "outcome": "true"},  # neither a boolean nor the class label
        {"prediction_id": pid},
        {"prediction_id": pid, "outcome": True, "extra": 1},
        [pid, True],
        "text",
        None,
    ):
        r = shared_client.post("/v1/feedback", json=body)
        assert r.status_code == 422, (body, r.text)
    assert (
        shared_client.post(
            "/v1/feedback", json={"prediction_id": pid, "outcome": "Yes"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("depth", [0, 1, ECHO_DEPTH - 1, ECHO_DEPTH, ECHO_DEPTH + 1, 2000])
def test_echo_keeps_shallow_values_and_summarises_deep_ones(depth: int) -> None:
    value = nested(depth)
    shown = echo(value)
    json.dumps(shown)  # always serialisable
    if depth <= ECHO_DEPTH:
        assert shown == value
    else:
        assert "nested" in json.dumps(shown)


@pytest.mark.parametrize("length", [0, 1, ECHO_TEXT - 1, ECHO_TEXT, ECHO_TEXT + 1, 10**6])
def test_echo_cuts_long_text_and_says_how_long_it_was(length: int) -> None:
    shown = echo("é" * length)
    assert isinstance(shown, str)
    if length <= ECHO_TEXT:
        assert shown == "é" * length
    else:
        assert shown.startswith("é" * 20) and f"{length:,} characters" in shown
        assert len(shown) < ECHO_TEXT + 60


def test_echo_cuts_long_lists_and_dicts() -> None:
    shown = echo(list(range(10_000)))
    assert isinstance(shown, list) and len(shown) <= 11 and "10,000 items" in str(shown[-1])
    shown = echo({f"k{i}": i for i in range(10_000)})
    assert isinstance(shown, dict) and len(shown) <= 11


def test_echo_writes_integers_past_64_bits_as_text() -> None:
    import orjson

    for value in (2**63, -(2**63) - 1, 10**400):
        shown = echo([value])
        orjson.dumps(shown)  # what the 422 is written with
        assert shown[0].startswith(str(value)[:20])
    assert echo(2**63 - 1) == 2**63 - 1


@pytest.mark.parametrize(
    ("body", "where"),
    [([[RECORD]], "[0]"), ([RECORD, 5], "[1]"), ([RECORD, "x", [1]], "[1]"), (5, "body")],
)
def test_an_item_that_is_not_a_record_is_named_by_its_place(
    shared_client: TestClient, body: object, where: str
) -> None:
    r = shared_client.post("/v1/predict", json=body)
    assert r.status_code == 422
    problem = r.json()["detail"][0]
    assert problem["field"] == where and problem["allowed"] in (
        "a JSON object: one record",
        "a JSON object (one record) or a list of them",
    )
