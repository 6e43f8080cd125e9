"""``GET /health``, ``GET /ready``, ``GET /metrics``: what an orchestrator and Prometheus ask.

These are the public routes: an orchestrator holds no API key. Liveness asks "is the process
stuck or dead?" (restart it if so); readiness asks "can it do useful work now?" (send traffic
elsewhere if not). They differ at start-up, and when the prediction log cannot write.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from aieng.serve.responses import reply
from aieng.serve.service import ServiceDep

router = APIRouter()


@router.get("/health", summary="Liveness: the process answers")
async def health() -> Response:
    return reply({"status": "ok"})


@router.get("/ready", summary="Readiness: a model is loaded and the prediction log writes")
async def ready(service: ServiceDep) -> Response:
    serving = service.serving
    if serving is None:
        return reply({"ready": False, "reason": "no model is loaded yet"}, status_code=503)
    which = {"model": serving.model.name, "version": serving.model.version}
    # A service that answers every prediction with 503 (a full disk, a deleted log file) is not
    # ready: the load balancer should send its traffic elsewhere.
    problem = await service.predlog.check()
    if problem:
        reason = f"the prediction log cannot be written: {problem}"
        return reply({"ready": False, "reason": reason, **which}, status_code=503)
    return reply({"ready": True, **which})


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def prometheus(service: ServiceDep) -> Response:
    return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)
