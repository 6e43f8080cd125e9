"""``create_app(settings)``: the FastAPI application that serves the month-6 champion.

Routes: ``POST /v1/predict`` (one record or a list), ``POST /v1/feedback``, ``GET /v1/model``,
``GET /health`` (the process is up), ``GET /ready`` (a model is loaded), ``GET /metrics``
(Prometheus), ``POST /v1/admin/reload`` (switch to the registry's current champion) and
``/docs``, which renders offline. Every prediction is committed to the prediction log before
its 200 is sent; concurrent requests share model calls (:mod:`aieng.serve.batcher`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from aieng import __version__
from aieng.errors import AiengError
from aieng.serve.batcher import Batcher, Stopped
from aieng.serve.memory import settle_memory
from aieng.serve.metrics import Metrics
from aieng.serve.middleware import RequestContext
from aieng.serve.model import Pin, ServedModel, load_dir, load_registered
from aieng.serve.openapi import FeedbackIn, document
from aieng.serve.predlog import LogError, PredictionLog, Predictions, default_url, new_ids
from aieng.serve.schema import InvalidRequest, RecordParser, loads, problem, record_model
from aieng.serve.settings import ServeSettings
from aieng.serve.worker import ProcessRunner

log = logging.getLogger("aieng.serve")


@dataclass(frozen=True)
class Serving:
    """The model and its request parser: swapped together, in one assignment, on reload."""

    model: ServedModel
    parser: RecordParser
    record: type[BaseModel]


class ApiError(Exception):
    """An HTTP error with the house's body: what went wrong and what to do."""

    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


def prepare(model: ServedModel, settings: ServeSettings) -> Serving:
    """The request model and parser generated from ``model``'s contract."""
    record = record_model(model.contract, features=model.features, extra=model.extra)
    return Serving(
        model, RecordParser(model.contract, record, max_batch=settings.max_batch), record
    )


def pin_of(settings: ServeSettings) -> Pin | None:
    """The digest the settings pin the model's files to, if any (aieng.integrity)."""
    if settings.model_sha256 is None:
        return None
    return Pin(settings.model_sha256, "AIENG_SERVE_MODEL_SHA256")


def default_loader(settings: ServeSettings) -> Callable[[], ServedModel]:
    """Load what the settings name: a model folder, or ``NAME@ALIAS`` from the registry."""
    fast, pin = settings.compile_model, pin_of(settings)
    if settings.model_dir is not None:
        folder = settings.model_dir
        return lambda: load_dir(folder, compile=fast, pin=pin)
    uri = settings.tracking_uri
    return lambda: load_registered(settings.model, tracking_uri=uri, compile=fast, pin=pin)


def create_app(
    settings: ServeSettings | None = None,
    *,
    loader: Callable[[], ServedModel] | None = None,
) -> FastAPI:
    """The application; the model is loaded when it starts (``loader`` overrides the settings)."""
    settings = settings or ServeSettings()
    load = loader or default_loader(settings)
    metrics = Metrics()

    def observe_batch(rows: int, seconds: float) -> None:
        metrics.batch_rows.observe(rows)
        metrics.model_seconds.observe(seconds)

    runner = ProcessRunner()  # its process starts only when a model is sent to it

    def in_model_process(model: ServedModel) -> bool:
        """Whether ``model`` runs in the model process (see aieng.serve.worker)."""
        if settings.model_process is not None:
            return settings.model_process
        return model.compiled is None  # a compiled model is too quick to be worth the trip

    def score(model: ServedModel, records: list[dict[str, Any]]) -> Any:
        return runner(model, records) if in_model_process(model) else model.probabilities(records)

    def quick(model: ServedModel) -> bool:
        """Compiled and in this process: scored on the event loop (see aieng.serve.batcher)."""
        return model.compiled is not None and not in_model_process(model)

    batcher = Batcher(score, on_batch=observe_batch, inline=quick)
    predlog = PredictionLog(settings.log_url or default_url())
    reload_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.serving = None
        predlog.start()
        batcher.start()
        app.state.serving = prepare(await run_in_threadpool(load), settings)
        if in_model_process(app.state.serving.model):  # start it now, not on the first request
            await run_in_threadpool(runner.warm_up, app.state.serving.model)
        settle_memory()
        _show_model(metrics, app.state.serving.model)
        log.info("model loaded", extra={"model": app.state.serving.model.describe()["name"]})
        try:
            yield
        finally:
            await batcher.stop()
            runner.close()
            predlog.close()

    app = FastAPIOffline(
        title="aieng churn service",
        version=__version__,
        description="The month-6 champion as a REST service (month 10 of the AI Engineering "
        "Roadmap). Request fields come from the model's data contract: GET /v1/model.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.batcher = batcher
    app.state.predlog = predlog
    app.add_middleware(
        RequestContext,
        metrics=metrics,
        max_body_bytes=settings.max_body_bytes,
        max_in_flight=settings.max_in_flight,
    )

    def current() -> Serving:
        serving: Serving | None = app.state.serving
        if serving is None:
            raise ApiError(503, "no model is loaded yet", "retry in a moment; GET /ready says when")
        return serving

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        body = {"error": exc.message, "hint": exc.hint, "request_id": _rid(request)}
        headers = {401: {"WWW-Authenticate": "ApiKey"}, 408: {"Connection": "close"}}
        return _reply(body, status_code=exc.status, headers=headers.get(exc.status))

    @app.exception_handler(LogError)
    async def _log_down(request: Request, exc: LogError) -> Response:
        # Not logged means not acknowledged: the client must retry, never trust a 200.
        log.error("prediction log failed", extra={"error": exc.message})
        body = {"error": "the prediction could not be logged", "hint": "retry in a moment.",
                "request_id": _rid(request)}  # fmt: skip
        return _reply(body, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(Stopped)
    async def _stopping(request: Request, exc: Stopped) -> Response:
        body = {"error": str(exc), "hint": "retry: another instance, or this one once it is back.",
                "request_id": _rid(request)}  # fmt: skip
        return _reply(body, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(InvalidRequest)
    async def _invalid(request: Request, exc: InvalidRequest) -> Response:
        return _reply({"detail": exc.problems, "request_id": _rid(request)}, status_code=422)

    def openapi() -> dict[str, Any]:
        """The OpenAPI document (aieng.serve.openapi), made once a model is loaded."""
        if app.openapi_schema is not None:
            return app.openapi_schema
        serving: Serving | None = app.state.serving
        if serving is None:  # not kept: a model will bring its request schema
            return document(app, settings, None, None)
        model = serving.model
        labels = (model.positive_class, model.negative_class)
        app.openapi_schema = document(app, settings, serving.record, labels)
        return app.openapi_schema  # until a reload brings another model

    app.openapi = openapi  # type: ignore[method-assign]

    @app.post("/v1/predict", summary="Score one customer record, or a list of them")
    async def predict(request: Request) -> Response:
        _require(request, settings, admin=False)
        started = time.perf_counter()
        serving = current()  # one model for the whole request, even if a reload happens now
        records, single = serving.parser.parse_json(await _body(request, settings))
        model = serving.model
        probabilities = await batcher.predict(model, records)
        latency = (time.perf_counter() - started) * 1000
        now, rid = datetime.now(UTC), _rid(request)
        decisions = probabilities >= model.threshold
        rows = Predictions(
            ids=new_ids(len(records)),
            inputs=records,
            probabilities=probabilities.tolist(),
            decisions=decisions.tolist(),
            created_at=now,
            model_name=model.name,
            model_version=model.version,
            request_id=rid,
            latency_ms=latency,
            inputs_finite=True,  # the request model refuses NaN and infinity
        )
        await predlog.write(rows)  # returns once committed: a 200 is never lost
        # Counted per request, not per row: 100 rows are two counter updates and one histogram.
        positive = int(decisions.sum())
        metrics.predictions.labels("positive").inc(positive)
        metrics.predictions.labels("negative").inc(len(records) - positive)
        metrics.probability.observe(probabilities)
        labels = (model.negative_class, model.positive_class)
        results = [
            {"prediction_id": i, "probability": p, "decision": d, "label": labels[d]}
            for i, p, d in zip(rows.ids, rows.probabilities, rows.decisions, strict=True)
        ]
        head = {"model": model.name, "version": model.version, "threshold": model.threshold}
        body = {**head, **results[0]} if single else {**head, "predictions": results}
        return _reply(body)

    @app.post("/v1/feedback", summary="The true outcome of an earlier prediction")
    async def feedback(request: Request) -> Response:
        _require(request, settings, admin=False)
        body = await _json(request, settings)
        try:
            item = FeedbackIn.model_validate(body)
        except Exception as exc:
            raise InvalidRequest(
                [problem("body", body, '{"prediction_id": "...", "outcome": true}', str(exc))]
            ) from None
        model = current().model
        outcome = _outcome(item.outcome, model)
        if not await predlog.feedback(item.prediction_id, outcome):
            raise ApiError(
                404,
                f"no prediction with id {item.prediction_id!r}",
                "send the prediction_id a /v1/predict response returned.",
            )
        return _reply({"prediction_id": item.prediction_id, "outcome": outcome})

    @app.get("/v1/model", summary="The model served: version, metrics, data hash, schema")
    async def model_info(request: Request) -> Response:
        _require(request, settings, admin=False)
        serving = current()
        return _reply(
            {**serving.model.describe(), "request_schema": serving.record.model_json_schema()}
        )

    @app.get("/health", summary="Liveness: the process answers")
    async def health() -> Response:
        return _reply({"status": "ok"})

    @app.get("/ready", summary="Readiness: a model is loaded and the prediction log writes")
    async def ready() -> Response:
        serving: Serving | None = app.state.serving
        if serving is None:
            return _reply({"ready": False, "reason": "no model is loaded yet"}, status_code=503)
        which = {"model": serving.model.name, "version": serving.model.version}
        # A service that answers every prediction with 503 (a full disk, a deleted log file)
        # is not ready: the load balancer should send its traffic elsewhere.
        problem = await predlog.check()
        if problem:
            reason = f"the prediction log cannot be written: {problem}"
            return _reply({"ready": False, "reason": reason, **which}, status_code=503)
        return _reply({"ready": True, **which})

    @app.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.post("/v1/admin/reload", summary="Switch to the registry's current champion")
    async def reload(request: Request) -> Response:
        _require(request, settings, admin=True)
        async with reload_lock:  # two reloads at once would load twice for nothing
            before = current().model
            try:
                fresh = prepare(await run_in_threadpool(load), settings)
                if in_model_process(fresh.model):  # the model process gets it before a request
                    await run_in_threadpool(runner.warm_up, fresh.model)
            except Exception as exc:  # the old model keeps serving: say why, in JSON
                return _reload_failed(request, before, exc)
            app.state.serving = fresh  # one assignment: a request sees the old or the new
            app.openapi_schema = None  # its request schema is the new model's
            _show_model(metrics, fresh.model, previous=before)
            settle_memory()
        log.info("model reloaded", extra={"from": before.version, "to": fresh.model.version})
        return _reply(
            {
                "previous": {"name": before.name, "version": before.version},
                "current": {"name": fresh.model.name, "version": fresh.model.version},
            }
        )

    return app


def _reload_failed(request: Request, serving: ServedModel, exc: Exception) -> Response:
    """A 500 that says why the reload failed and which model still serves."""
    still = f"still serving {serving.name} version {serving.version}"
    if isinstance(exc, AiengError):  # a known cause (no such model, a changed folder): its hint
        log.error("reload failed", extra={"error": exc.message, "request_id": _rid(request)})
        error, hint = exc.message, exc.hint
    else:  # a bug, or a model that cannot load here: the traceback goes to the service's log
        log.exception("reload failed", extra={"request_id": _rid(request)})
        error = f"{type(exc).__name__}: {exc}"
        hint = f"see the service's log for request id {_rid(request)}."
    body = {
        "error": f"reload failed: {error}; {still}",
        "hint": hint,
        "serving": {"name": serving.name, "version": serving.version},
        "request_id": _rid(request),
    }
    return _reply(body, status_code=500)


def _rid(request: Request) -> str:
    return str(request.scope.get("aieng.request_id", ""))


def _require(request: Request, settings: ServeSettings, *, admin: bool) -> None:
    """401 without a valid key, 403 with a valid key that is not allowed here."""
    given = request.headers.get("x-api-key", "")
    admin_key = settings.admin_key.get_secret_value()
    is_admin = bool(admin_key) and _same(given, admin_key)
    if admin:
        if not admin_key:
            raise ApiError(
                403, "the admin endpoints are switched off", "set AIENG_SERVE_ADMIN_KEY."
            )
        if is_admin:
            return
        if given and any([_same(given, k.get_secret_value()) for k in settings.api_keys]):
            raise ApiError(
                403, "this API key may not use the admin endpoints", "use the admin key."
            )
        raise ApiError(401, "missing or invalid admin key", "send it in the X-API-Key header.")
    if not settings.api_keys or is_admin:
        return
    # Every key is compared, in constant time, so timing tells nothing about which is close.
    if not any([_same(given, k.get_secret_value()) for k in settings.api_keys]):
        raise ApiError(401, "missing or invalid API key", "send your key in the X-API-Key header.")


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


async def _body(request: Request, settings: ServeSettings) -> bytes:
    """The body's bytes; the size (413) and time (408) limits are enforced while reading.

    The time limit is for the whole body, not per chunk: a client sending a byte every few
    seconds would otherwise hold its request (and its place in max_in_flight) for ever.
    """
    chunks, size = [], 0
    try:
        async with asyncio.timeout(settings.body_timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size > settings.max_body_bytes:
                    raise ApiError(
                        413,
                        f"the request body is larger than {settings.max_body_bytes:,} bytes",
                        "send fewer records per request.",
                    )
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(
            408,
            f"the request body took more than {settings.body_timeout_s:g} s to arrive",
            "send it in one go, or fewer records per request.",
        ) from None
    return b"".join(chunks)


async def _json(request: Request, settings: ServeSettings) -> Any:
    """The body as JSON (413 if too large, 422 if not JSON)."""
    return loads(await _body(request, settings))


def _outcome(value: bool | str, model: ServedModel) -> bool:
    if isinstance(value, bool):
        return value
    if value == model.positive_class:
        return True
    if value == model.negative_class:
        return False
    raise InvalidRequest(
        [
            problem(
                "outcome",
                value,
                f"true, false, {model.positive_class!r} or {model.negative_class!r}",
                "unknown outcome",
            )
        ]
    )


def _show_model(metrics: Metrics, model: ServedModel, previous: ServedModel | None = None) -> None:
    if previous is not None:
        metrics.model.remove(previous.name, previous.version)
    metrics.model.labels(model.name, model.version).set(1)


def _reply(body: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response serialized by orjson (NumPy floats, datetimes; several times faster)."""
    return Response(
        orjson.dumps(body), status_code=status_code, headers=headers, media_type="application/json"
    )
