"""Month 10's OpenAPI document says what the service really takes and answers: checked by reading
it, and by schemathesis, which generates requests from it (valid and not) against a live server
and checks every answer against it: no 5xx, no status or body the document does not list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from serve_setup import KEY, RECORD, settings_for

from aieng.serve.app import create_app
from aieng.serve.local import running


def test_the_document_has_the_request_schema_the_answers_and_the_key(
    shared_client: TestClient,
) -> None:
    doc = shared_client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    record = schemas["Record"]
    assert set(record["properties"]) >= set(RECORD) and record["additionalProperties"] is False
    assert record["properties"]["contract"]["enum"] == ["Month-to-month", "One year", "Two year"]
    assert record["properties"]["tenure"]["type"] == "integer"
    predict = doc["paths"]["/v1/predict"]["post"]
    body = predict["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert body[0] == {"$ref": "#/components/schemas/Record"}
    assert body[1]["maxItems"] == 50  # the shared_client fixture's max_batch
    assert predict["security"] == [{"ApiKey": []}]
    assert set(predict["responses"]) == {"200", "401", "408", "413", "422", "500", "503"}
    assert doc["components"]["securitySchemes"]["ApiKey"]["name"] == "X-API-Key"
    assert "security" not in doc["paths"]["/health"]["get"]
    assert set(doc["paths"]["/v1/admin/reload"]["post"]["responses"]) >= {"401", "403"}


def test_without_keys_the_document_asks_for_none(tmp_path: Path, churn_model_dir: Path) -> None:
    app = create_app(settings_for(tmp_path, churn_model_dir, api_keys=()))
    with TestClient(app) as c:
        predict = c.get("/openapi.json").json()["paths"]["/v1/predict"]["post"]
    assert "security" not in predict and "401" not in predict["responses"]


OPERATIONS = [
    "POST /v1/predict", "POST /v1/feedback", "GET /v1/model", "GET /health", "GET /ready",
    "POST /v1/admin/reload",
]  # fmt: skip


POSITIVE = schemathesis.GenerationMode.POSITIVE
NOTHING_TO_BREAK = {"GET /health", "GET /ready"}  # no body, parameter or key to get wrong


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory, churn_model_dir: Path) -> Iterator[Any]:
    """The service on a socket, and its OpenAPI document as schemathesis reads it."""
    folder = tmp_path_factory.mktemp("openapi")
    app = create_app(settings_for(folder, churn_model_dir, max_batch=20, max_body_bytes=50_000))
    with running(app) as url:
        yield schemathesis.openapi.from_url(f"{url}/openapi.json")


@pytest.mark.slow
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(
    ("label", "mode"),
    [(label, mode) for label in OPERATIONS for mode in schemathesis.GenerationMode
     if mode is POSITIVE or label not in NOTHING_TO_BREAK],
)  # fmt: skip
def test_the_service_keeps_the_promises_of_its_openapi_document(
    live_api: Any, label: str, mode: schemathesis.GenerationMode
) -> None:
    """Requests made from the document: valid ones (positive) and ones that break it on purpose
    (negative). Every answer must be a status the document lists, with the body it describes,
    and never a 5xx; a negative request must be refused (4xx), never scored."""
    operation = live_api.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the OpenAPI document"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same requests on every run: a failure in CI is reproducible
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers={"X-API-Key": KEY})

    check()


EXAMPLES = 40  # per operation and mode: 480 requests, about 20 s here, bounded for CI
