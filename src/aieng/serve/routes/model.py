"""``GET /v1/model``: what is served — version, scores, digest, contract, request schema."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from aieng.serve.responses import reply
from aieng.serve.service import ServiceDep

router = APIRouter()


@router.get("/v1/model", summary="The model served: version, metrics, data hash, schema")
async def model_info(service: ServiceDep) -> Response:
    serving = service.current()
    return reply({**serving.model.describe(), "request_schema": serving.record.model_json_schema()})
