"""One ASGI middleware for what every request needs: an id, a size check, metrics, a log line.

Written against ASGI directly rather than as a Starlette ``BaseHTTPMiddleware``: it adds no
task or stream copy per request, which matters when a request takes a millisecond.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aieng.serve.metrics import Metrics

access = logging.getLogger("aieng.serve.access")
log = logging.getLogger("aieng.serve")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")  # a client's id is echoed only if harmless


PROBES = {"/health", "/ready", "/metrics"}  # answered even at the in-flight limit


class RequestContext:
    """Request id (``X-Request-ID``), 413 on a declared oversize body, 503 past
    ``max_in_flight`` requests at once, metrics, access log."""

    def __init__(
        self, app: ASGIApp, *, metrics: Metrics, max_body_bytes: int, max_in_flight: int
    ) -> None:
        self.app, self.metrics, self.max_body_bytes = app, metrics, max_body_bytes
        # Each request in flight holds its body (up to max_body_bytes) and its records: the
        # cap bounds the memory a burst can take. Probes are not counted, so an orchestrator
        # still sees a live process when the API is saturated.
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        rid = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        scope["aieng.request_id"] = rid
        path = scope["path"]
        started = time.perf_counter()
        status, responded = 500, False

        async def send_with_id(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = int(message["status"]), True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        counted = path not in PROBES
        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body_bytes:
                await _send_json(
                    send_with_id,
                    413,
                    {
                        "error": f"the request body is larger than {self.max_body_bytes:,} bytes",
                        "hint": "send fewer records per request.",
                        "request_id": rid,
                    },
                )
                return
            if counted and self.in_flight >= self.max_in_flight:
                counted = False  # refused: it never counted
                await _send_json(
                    send_with_id,
                    503,
                    {
                        "error": f"{self.max_in_flight:,} requests are in progress already",
                        "hint": "retry in a moment.",
                        "request_id": rid,
                    },
                    headers=[(b"retry-after", b"1")],
                )
                return
            if counted:
                self.in_flight += 1
            await self.app(scope, receive, send_with_id)
        except Exception:
            # A bug: logged whole under the request id; the client gets JSON with that id and
            # no internals. Caught here, it goes no further (uvicorn would log it again, as text).
            log.exception("unhandled error", extra={"request_id": rid, "path": path})
            if not responded:
                await _send_json(
                    send_with_id,
                    500,
                    {
                        "error": "internal error",
                        "hint": f"the service's log has the details under request id {rid}.",
                        "request_id": rid,
                    },
                )
        finally:
            if counted:
                self.in_flight -= 1
            route = _route(scope)
            seconds = time.perf_counter() - started
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.latency.labels(route).observe(seconds)
            if status >= 500:
                self.metrics.errors.labels(route).inc()
            if access.isEnabledFor(logging.INFO):
                access.info(
                    "request",
                    extra={
                        "request_id": rid,
                        "method": scope["method"],
                        "path": path,
                        "status": status,
                        "ms": round(seconds * 1000, 2),
                    },
                )


async def _send_json(
    send: Send,
    status: int,
    body: dict[str, Any],
    headers: Sequence[tuple[bytes, bytes]] = (),
) -> None:
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def _route(scope: Scope) -> str:
    """The metrics label: the path template of the route that matched (``/v1/predict``), or
    "other" (an unknown path must not add a label per path: a scanner would add thousands)."""
    route = scope.get("route")
    return str(getattr(route, "path", "other")) if route is not None else "other"
