"""``POST /v1/admin/reload``: switch to the registry's current champion, with no request failed.

The new model is loaded beside the old one; then one assignment swaps them, and a request that
started on the old model finishes on it. A reload that fails leaves the old model serving and
says why, in JSON.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from aieng.errors import AiengError
from aieng.serve.model import ServedModel
from aieng.serve.responses import reply, request_id
from aieng.serve.service import ServiceDep

log = logging.getLogger("aieng.serve")
router = APIRouter()


@router.post("/v1/admin/reload", summary="Switch to the registry's current champion")
async def reload(request: Request, service: ServiceDep) -> Response:
    async with service.reload_lock:
        before = service.current().model
        try:
            fresh = await service.load_model()
        except Exception as exc:  # the old model keeps serving: say why, in JSON
            return _reload_failed(request, before, exc)
        service.switch(fresh)
        request.app.openapi_schema = None  # its request schema is the new model's
    log.info("model reloaded", extra={"from": before.version, "to": fresh.model.version})
    return reply(
        {
            "previous": {"name": before.name, "version": before.version},
            "current": {"name": fresh.model.name, "version": fresh.model.version},
        }
    )


def _reload_failed(request: Request, serving: ServedModel, exc: Exception) -> Response:
    """A 500 that says why the reload failed and which model still serves."""
    rid = request_id(request)
    still = f"still serving {serving.name} version {serving.version}"
    if isinstance(exc, AiengError):  # a known cause (no such model, a changed folder): its hint
        log.error("reload failed", extra={"error": exc.message, "request_id": rid})
        error, hint = exc.message, exc.hint
    else:  # a bug, or a model that cannot load here: the traceback goes to the service's log
        log.exception("reload failed", extra={"request_id": rid})
        error = f"{type(exc).__name__}: {exc}"
        hint = f"see the service's log for request id {rid}."
    body = {
        "error": f"reload failed: {error}; {still}",
        "hint": hint,
        "serving": {"name": serving.name, "version": serving.version},
        "request_id": rid,
    }
    return reply(body, status_code=500)
