"""``POST /v1/predict`` and ``POST /v1/feedback``: scoring customers, and learning how it went.

The bodies are read as bytes, within the size and time limits, and validated by pydantic straight
from those bytes (:mod:`aieng.serve.schema`): a request is held to the model's data contract
before the model sees it. Every prediction is committed to the prediction log before its 200.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from aieng.serve.model import ServedModel
from aieng.serve.openapi import FeedbackIn
from aieng.serve.predlog import Predictions, new_ids
from aieng.serve.responses import ApiError, reply, request_id
from aieng.serve.schema import InvalidRequest, loads, problem
from aieng.serve.service import ServiceDep
from aieng.serve.settings import ServeSettings

router = APIRouter()


@router.post("/v1/predict", summary="Score one customer record, or a list of them")
async def predict(request: Request, service: ServiceDep) -> Response:
    started = time.perf_counter()
    serving = service.current()  # one model for the whole request, even if a reload happens now
    records, single = serving.parser.parse_json(await read_body(request, service.settings))
    model = serving.model
    probabilities = await service.batcher.predict(model, records)
    latency = (time.perf_counter() - started) * 1000
    decisions = probabilities >= model.threshold
    rows = Predictions(
        ids=new_ids(len(records)),
        inputs=records,
        probabilities=probabilities.tolist(),
        decisions=decisions.tolist(),
        created_at=datetime.now(UTC),
        model_name=model.name,
        model_version=model.version,
        request_id=request_id(request),
        latency_ms=latency,
        inputs_finite=True,  # the request model refuses NaN and infinity
    )
    await service.predlog.write(rows)  # returns once committed: a 200 is never lost
    # Counted per request, not per row: 100 rows are two counter updates and one histogram.
    metrics, positive = service.metrics, int(decisions.sum())
    metrics.predictions.labels("positive").inc(positive)
    metrics.predictions.labels("negative").inc(len(records) - positive)
    metrics.probability.observe(probabilities)
    labels = (model.negative_class, model.positive_class)
    results = [
        {"prediction_id": i, "probability": p, "decision": d, "label": labels[d]}
        for i, p, d in zip(rows.ids, rows.probabilities, rows.decisions, strict=True)
    ]
    head = {"model": model.name, "version": model.version, "threshold": model.threshold}
    return reply({**head, **results[0]} if single else {**head, "predictions": results})


@router.post("/v1/feedback", summary="The true outcome of an earlier prediction")
async def feedback(request: Request, service: ServiceDep) -> Response:
    body = loads(await read_body(request, service.settings))
    try:
        item = FeedbackIn.model_validate(body)
    except Exception as exc:
        raise InvalidRequest(
            [problem("body", body, '{"prediction_id": "...", "outcome": true}', str(exc))]
        ) from None
    outcome = _outcome(item.outcome, service.current().model)
    if not await service.predlog.feedback(item.prediction_id, outcome):
        raise ApiError(
            404,
            f"no prediction with id {item.prediction_id!r}",
            "send the prediction_id a /v1/predict response returned.",
        )
    return reply({"prediction_id": item.prediction_id, "outcome": outcome})


async def read_body(request: Request, settings: ServeSettings) -> bytes:
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


def _outcome(value: bool | str, model: ServedModel) -> bool:
    if isinstance(value, bool):
        return value
    if value == model.positive_class:
        return True
    if value == model.negative_class:
        return False
    allowed = f"true, false, {model.positive_class!r} or {model.negative_class!r}"
    raise InvalidRequest([problem("outcome", value, allowed, "unknown outcome")])
