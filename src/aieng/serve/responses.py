"""The house's answers: JSON written by orjson, and one handler per error a route can raise.

Every error body says what went wrong, what to do and which request it was (``request_id``, also
in the ``X-Request-ID`` header and the service's log), so a client's report can be matched to
the server's log line. A 422 lists every problem of the body instead (:mod:`aieng.serve.schema`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import orjson
from fastapi import Request
from fastapi.responses import Response

from aieng.serve.batcher import Stopped
from aieng.serve.predlog import LogError
from aieng.serve.schema import InvalidRequest

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("aieng.serve")


class ApiError(Exception):
    """An HTTP error with the house's body: what went wrong and what to do."""

    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


def reply(body: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response serialized by orjson (NumPy floats, datetimes; several times faster)."""
    return Response(
        orjson.dumps(body), status_code=status_code, headers=headers, media_type="application/json"
    )


def request_id(request: Request) -> str:
    """The id the request middleware gave this request (aieng.serve.middleware)."""
    return str(request.scope.get("aieng.request_id", ""))


def error_body(request: Request, error: str, hint: str) -> dict[str, str]:
    return {"error": error, "hint": hint, "request_id": request_id(request)}


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {401: {"WWW-Authenticate": "ApiKey"}, 408: {"Connection": "close"}}
    body = error_body(request, exc.message, exc.hint)
    return reply(body, status_code=exc.status, headers=headers.get(exc.status))


async def _log_down(request: Request, exc: Exception) -> Response:
    # Not logged means not acknowledged: the client must retry, never trust a 200.
    log.error("prediction log failed", extra={"error": getattr(exc, "message", str(exc))})
    body = error_body(request, "the prediction could not be logged", "retry in a moment.")
    return reply(body, status_code=503, headers={"Retry-After": "1"})


async def _stopping(request: Request, exc: Exception) -> Response:
    hint = "retry: another instance, or this one once it is back."
    return reply(error_body(request, str(exc), hint), status_code=503, headers={"Retry-After": "1"})


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InvalidRequest)
    return reply({"detail": exc.problems, "request_id": request_id(request)}, status_code=422)


def add_error_handlers(app: FastAPI) -> None:
    """Answer each known error with its status and the house's body (a bug: the middleware)."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(LogError, _log_down)
    app.add_exception_handler(Stopped, _stopping)
    app.add_exception_handler(InvalidRequest, _invalid)
