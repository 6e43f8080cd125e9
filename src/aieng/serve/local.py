"""Run the service in this process, on 127.0.0.1, for the month-10 lesson and the tests.

``with running(app) as url:`` starts uvicorn in a thread on a free local port, waits until
``/ready`` answers, and stops the server when the block ends.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1.

    Only right now: between this call and a server's bind, any process may take it. For a
    server in another process (``aieng serve --port``) there is no better way from here; in
    this process, :func:`running` binds port 0 itself and keeps the socket."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, *, timeout: float = 120.0) -> None:
    """Poll ``GET /ready`` until it answers 200; raise after ``timeout`` seconds."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/ready", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the service at {url} did not become ready in {timeout:.0f} s")


@contextlib.contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields its base URL once it is ready.

    The connection limits are the app's settings' (:mod:`aieng.serve.protocol`), as under
    ``aieng serve``."""
    import uvicorn

    from aieng.serve.protocol import server_config

    config = server_config(
        app, app.state.service.settings, host="127.0.0.1", port=0, log_config=None
    )
    # Port 0: the kernel picks a free port as it binds, so no other process can take it between
    # choosing and binding (as it could after free_port()). The server listens on this socket.
    sock = config.bind_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="aieng-serve", daemon=True
    )
    thread.start()
    try:
        wait_ready(url)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
