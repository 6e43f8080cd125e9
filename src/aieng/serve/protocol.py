"""The connection limits a server facing clients it does not know needs, on uvicorn's fast parser.

uvicorn's httptools protocol (the fast one, llhttp in C) sets no limit on what a client may do
*before* its request reaches the app. Measured against ``aieng serve`` before these limits:

* **header size:** a 64 MB header stalled ``/health`` for 2 s; four 500 MB headers took the
  server to 100 % CPU and 2.1 GB of memory, with ``/health`` silent for 20 s;
* **time:** 1,100 clients each sending one byte every 5 s held every connection the process
  could open, and locked out every request, ``/health`` included.

:class:`GuardedHttp` is uvicorn's protocol with four limits (:class:`Limits`, set from
:class:`~aieng.serve.settings.ServeSettings`):

1. the request line and headers together may be at most ``max_header_bytes`` (431 beyond);
2. they must arrive within ``header_timeout_s`` of the connection opening or of the request's
   first byte, whatever the pace (408 beyond): trickling a byte at a time does not reset it;
3. an idle keep-alive connection is closed after ``keep_alive_s`` (uvicorn's own timer);
4. at most ``max_connections`` are open: a new one past the cap closes the connection that has
   waited longest without a request in progress (a slow or idle one, never one being served);
   if every connection is busy, the new one gets 503.

The body has its own deadline in the app (``body_timeout_s``, 408), where it is read. A proxy
in front (nginx, a cloud load balancer) should still limit requests per client address: these
limits keep one process alive, they cannot tell an attacker from many honest clients.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

if TYPE_CHECKING:
    from aieng.serve.settings import ServeSettings

log = logging.getLogger("aieng.serve")


@dataclass(frozen=True)
class Limits:
    """What one connection may cost before its request reaches the app."""

    max_header_bytes: int = 16_384  # request line + headers (Node's default; h11's is 16 KiB too)
    header_timeout_s: float = 10.0  # from a request's first byte to its last header
    keep_alive_s: int = 5  # an idle connection between requests (uvicorn's default)
    max_connections: int = 1_000  # open at once, per worker process


class ServerConfig(uvicorn.Config):
    """uvicorn's Config with :class:`Limits`: uvicorn hands a connection's protocol only its
    Config, so the limits travel on it (and to every worker process, which gets a copy)."""

    def __init__(self, app: Any, *, limits: Limits, **kwargs: Any) -> None:
        super().__init__(app, http=GuardedHttp, timeout_keep_alive=limits.keep_alive_s, **kwargs)
        self.limits = limits


class GuardedHttp(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header size cap, a header deadline and a
    connection cap (see the module docstring)."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.limits: Limits = getattr(config, "limits", Limits())
        self.waiting = True  # no request in progress: idle, or its headers still arriving
        self.waiting_since = time.monotonic()  # the eviction order: oldest waiter first
        self._header_bytes = 0
        self._deadline: asyncio.TimerHandle | None = None
        self._refused = False  # an error was sent: what else the client sends is ignored

    # -- connection ------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never sends a byte is a slow request too
        if len(self.connections) > self.limits.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _make_room(self) -> None:
        """Close the connection that has waited longest without a request in progress."""
        waiting = [c for c in self.connections if isinstance(c, GuardedHttp) and c.waiting]
        waiting = [c for c in waiting if c is not self and not c.transport.is_closing()]
        if not waiting:  # every other connection is being served: this one waits elsewhere
            _refused.happened(len(self.connections))
            self._refuse(503, "too many connections", "retry in a moment", retry=True)
            return
        oldest = min(waiting, key=lambda c: c.waiting_since)
        _evicted.happened(len(self.connections))
        oldest.transport.close()

    # -- a request's headers ---------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)  # parses: may begin a request and may complete its headers
        if self.waiting and self._deadline is not None:
            self._header_bytes += len(data)
            if self._header_bytes > self.limits.max_header_bytes:
                self._too_large()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        self._arm()

    # The parser goes on through the rest of a packet after a refusal: nothing more reaches
    # the app (there may be no request cycle to give it to).
    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._refused:
            super().on_message_complete()

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        # The headers as parsed (the bytes counted in data_received may end before the last
        # one): the same cap, however the client split them into packets.
        size = len(self.url) + sum(len(k) + len(v) + 4 for k, v in self.headers)
        if size > self.limits.max_header_bytes:
            self._too_large()
            return
        self.waiting = False
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # starts the next pipelined request, if one is queued
        if self.cycle is None or self.cycle.response_complete:
            self.waiting, self.waiting_since = True, time.monotonic()  # idle: keep-alive's timer

    # -- refusing ----------------------------------------------------------------------------

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.limits.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.waiting:
            seconds = self.limits.header_timeout_s
            self._refuse(408, f"the request's headers took more than {seconds:g} s", "")

    def _too_large(self) -> None:
        limit = self.limits.max_header_bytes
        self._refuse(431, f"the request line and headers are larger than {limit:,} bytes", "")

    def _refuse(self, status: int, error: str, hint: str, *, retry: bool = False) -> None:
        """Answer ``status`` with the house's JSON body and close the connection."""
        if self.transport.is_closing():
            return
        self._refused = True
        self._disarm()
        body = _json({"error": error, "hint": hint or "send a smaller request, faster."})
        head = [
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
            "content-type: application/json",
            f"content-length: {len(body)}",
            "connection: close",
            *(["retry-after: 1"] if retry else []),
        ]
        self.transport.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        self.transport.close()


_REASONS = {
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


class _Tally:
    """A warning logged at most once per ``period`` seconds, with how often it happened since.

    Under a slowloris attack the connection cap closes thousands of connections a minute
    (5,585 in 30 s in benchmarks/serving/abuse.py): one log line each would let the attacker
    fill the disk through our log. Once every few seconds says the same.
    """

    def __init__(self, what: str, period: float = 5.0) -> None:
        self.what, self.period = what, period
        self.count, self.since = 0, time.monotonic() - period

    def happened(self, open_now: int) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.since >= self.period:
            log.warning(
                "%s: %d time(s) since this was last said; %d connections open",
                self.what, self.count, open_now,
            )  # fmt: skip
            self.count, self.since = 0, now


_evicted = _Tally("closed the connection waiting longest to make room")
_refused = _Tally("refused a new connection, every other one being served")


def _json(body: dict[str, str]) -> bytes:
    import orjson

    return orjson.dumps(body)


def server_config(app: Any, settings: ServeSettings, **kwargs: Any) -> ServerConfig:
    """uvicorn's Config for ``app`` (an app, or a factory's import string) with the limits
    ``settings`` set; ``kwargs`` go to uvicorn (host, port, workers, log_config, …)."""
    limits = Limits(
        max_header_bytes=settings.max_header_bytes,
        header_timeout_s=settings.header_timeout_s,
        keep_alive_s=settings.keep_alive_s,
        max_connections=settings.max_connections,
    )
    return ServerConfig(app, limits=limits, **kwargs)


def raise_open_files_limit(wanted: int) -> int:
    """Raise this process's open-file limit towards ``wanted`` (to the hard limit at most).

    Each connection is a file descriptor; Linux's default soft limit is often 1,024, and a
    server at that limit can accept nothing, ``/health`` included. Returns the limit now set.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft
