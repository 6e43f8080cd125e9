"""The service's OpenAPI document: every request body, every answer and the key, as served.

The routes read their bodies as bytes (pydantic validates them straight from the bytes, and the
request model is only known once the model is loaded), so FastAPI cannot see what they take or
give. This module writes it down: the request schema generated from the served model's data
contract, one schema per answer (the bodies the app really sends, checked by schemathesis in
the tests), the status codes each route can answer, and the API key scheme. A client generator,
``/docs`` and a fuzzer then see the same API the service enforces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from fastapi import FastAPI

    from aieng.serve.settings import ServeSettings

REF = "#/components/schemas/{model}"


class Error(BaseModel):
    """Every error but a 422: what went wrong, what to do, and the id of the request."""

    error: str
    hint: str
    request_id: str


class Problem(BaseModel):
    """One problem with the body: the field, what was received (cut short), what is allowed."""

    field: str
    received: Any = Field(description="the value received, cut to 4 levels, 10 items, 200 chars")
    allowed: str
    message: str


class Invalid(BaseModel):
    """A 422: every problem found in the body."""

    detail: list[Problem]
    request_id: str


class Scored(BaseModel):
    prediction_id: str = Field(description="send it back with the true outcome: /v1/feedback")
    probability: float = Field(ge=0, le=1, description="of the positive class")
    decision: bool = Field(description="probability ≥ the model's threshold")
    label: str = Field(description="the class decided")


class Served(BaseModel):
    model: str
    version: str
    threshold: float


class OnePrediction(Served, Scored):
    """The answer to one record."""


class Predictions(Served):
    """The answer to a list of records, in their order."""

    predictions: list[Scored]


class FeedbackIn(BaseModel):
    """The true outcome of an earlier prediction (strict: no "true" for true)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    prediction_id: str
    outcome: bool | str = Field(description="true / false, or the class label (e.g. 'Yes')")


class FeedbackOut(BaseModel):
    prediction_id: str
    outcome: bool


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    ready: bool
    reason: str | None = Field(None, description="why not, when not")
    model: str | None = None
    version: str | None = None


class Version(BaseModel):
    name: str
    version: str


class Reloaded(BaseModel):
    previous: Version
    current: Version


class ReloadFailed(Error):
    serving: Version = Field(description="the model that keeps serving")


class ModelInfo(BaseModel):
    """What is served: its version, scores, digest, contract and request schema."""

    name: str
    version: str
    threshold: float
    sha256: str
    integrity: str
    scoring: str
    features: list[str]
    request_schema: dict[str, Any]


WHY = {
    200: "OK",
    401: "no key, or a wrong one, in X-API-Key",
    403: "a valid key that may not use this route",
    404: "no prediction with that id",
    408: "the body took longer than body_timeout_s to arrive",
    413: "the body is larger than max_body_bytes",
    422: "the body breaks the contract: every problem, by field",
    500: "a failure the service's log explains under the request id",
    503: "not now: no model yet, the prediction log cannot write, or too many requests "
    "in flight; retry after Retry-After seconds",
}
ANSWERS: dict[tuple[str, str], tuple[type[BaseModel] | None, list[int]]] = {
    # (path, method): (the 200's body, the other statuses it can answer)
    ("/v1/predict", "post"): (None, [401, 408, 413, 422, 500, 503]),  # None: see below
    ("/v1/feedback", "post"): (FeedbackOut, [401, 404, 408, 413, 422, 500, 503]),
    ("/v1/model", "get"): (ModelInfo, [401, 500, 503]),
    ("/health", "get"): (Health, []),
    ("/ready", "get"): (Ready, [503]),
    ("/v1/admin/reload", "post"): (Reloaded, [401, 403, 500, 503]),
}


def document(
    app: FastAPI,
    settings: ServeSettings,
    record: type[BaseModel] | None,
    labels: tuple[str, str] | None,
) -> dict[str, Any]:
    """The OpenAPI document of ``app``; ``record`` and ``labels`` (the positive and negative
    class): the served model's request model and the outcomes feedback takes, once known."""
    doc = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemas: dict[str, Any] = {}
    models: list[type[BaseModel]] = [
        Error, Invalid, OnePrediction, Predictions, FeedbackIn, ReloadFailed,
    ]  # fmt: skip
    models += [m for m, _ in ANSWERS.values() if m is not None]
    for model in models:
        _add(schemas, model)
    if record is not None:
        _add(schemas, record)
    if labels is not None:  # an outcome is true / false or one of the model's two labels
        outcome = schemas["FeedbackIn"]["properties"]["outcome"]
        outcome["anyOf"] = [{"type": "boolean"}, {"type": "string", "enum": list(labels)}]
    doc["components"] = {
        "schemas": schemas,
        "securitySchemes": {
            "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        },
    }
    guards = _guards(app)
    for (path, method), (ok, errors) in ANSWERS.items():
        operation = doc["paths"][path][method]
        needs = guards.get(path)
        if needs == "admin" or (needs == "key" and settings.api_keys):
            operation["security"] = [{"ApiKey": []}]
        else:
            errors = [e for e in errors if e not in (401, 403)]
        operation["responses"] = _responses(path, ok, errors)
    predict = doc["paths"]["/v1/predict"]["post"]
    if record is not None:  # before a model is loaded, nobody can say what a record is
        predict["requestBody"] = _body(
            {
                "oneOf": [
                    _ref(record),
                    {"type": "array", "items": _ref(record), "minItems": 1,
                     "maxItems": settings.max_batch},
                ]
            }
        )  # fmt: skip
    doc["paths"]["/v1/feedback"]["post"]["requestBody"] = _body(_ref(FeedbackIn))
    return doc


def _guards(app: FastAPI) -> dict[str, str]:
    """path → "key" or "admin": the key its router's dependencies ask for (aieng.serve.auth)."""
    from fastapi.routing import iter_route_contexts

    from aieng.serve.auth import admin_key, api_key

    out = {}
    for route in iter_route_contexts(app.routes):  # the routes of included routers too
        calls = {d.dependency for d in getattr(route, "dependencies", None) or ()}
        if admin_key in calls:
            out[str(route.path)] = "admin"
        elif api_key in calls:
            out[str(route.path)] = "key"
    return out


def _responses(path: str, ok: type[BaseModel] | None, errors: list[int]) -> dict[str, Any]:
    ok_schema: dict[str, Any]
    if path == "/v1/predict":  # one record, one answer; a list, a list
        ok_schema = {"oneOf": [_ref(OnePrediction), _ref(Predictions)]}
    else:
        ok_schema = _ref(ok) if ok is not None else {}
    out = {"200": _json(WHY[200], ok_schema)}
    for status in errors:
        if status == 422:
            body = _ref(Invalid)
        elif path == "/ready" and status == 503:
            body = _ref(Ready)
        elif path == "/v1/admin/reload" and status == 500:
            body = _ref(ReloadFailed)
        else:
            body = _ref(Error)
        out[str(status)] = _json(WHY[status], body)
    return out


def _add(schemas: dict[str, Any], model: type[BaseModel]) -> None:
    schema = model.model_json_schema(ref_template=REF)
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}
