"""Month 10's service against clients that cost too much: huge headers, slow headers, slow
bodies, too many connections, too many requests at once (127.0.0.1 only, raw sockets).

Each limit (aieng.serve.protocol, the middleware, the app) is shown to hold and, beside it, that
``/health`` keeps answering: the promise is that one client cannot lock out the others.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_setup import KEY, RECORD, settings_for

from aieng.serve.app import create_app
from aieng.serve.local import free_port, running, wait_ready
from aieng.serve.protocol import raise_open_files_limit

pytestmark = [pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]


@contextlib.contextmanager
def serving(tmp_path: Path, model_dir: Path, **limits: Any) -> Iterator[tuple[str, int]]:
    app = create_app(settings_for(tmp_path, model_dir, **limits))
    with running(app) as url:
        yield url, int(url.rsplit(":", 1)[1])


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def read_response(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """Read until the server closes the connection; the status and the JSON body."""
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def health_ms(url: str) -> float:
    started = time.perf_counter()
    r = httpx.get(f"{url}/health", timeout=5.0)
    assert r.status_code == 200
    return (time.perf_counter() - started) * 1000


def request_with_header(size: int) -> bytes:
    """``GET /health`` whose request line and headers measure exactly ``size`` bytes as the
    server counts them (the URL, and name + value + 4 per header)."""
    fixed = len(b"/health") + len(b"host") + len(b"x") + 4 + len(b"x-pad") + 4
    return b"GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * (size - fixed) + b"\r\n\r\n"


def test_headers_are_capped_at_exactly_the_limit(tmp_path: Path, churn_model_dir: Path) -> None:
    with serving(tmp_path, churn_model_dir, max_header_bytes=2048) as (_, port):
        for size, status in [(2047, 200), (2048, 200), (2049, 431), (100_000, 431)]:
            with connect(port) as sock:
                sock.sendall(request_with_header(size))
                sock.shutdown(socket.SHUT_WR) if status == 431 else None
                if status == 200:
                    head = sock.recv(65536)
                    assert head.startswith(b"HTTP/1.1 200"), (size, head[:80])
                else:
                    got, body = read_response(sock)
                    assert got == 431, size
                    assert "2,048 bytes" in body["error"]


def test_a_64_mb_header_is_cut_off_and_health_keeps_answering(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    with serving(tmp_path, churn_model_dir) as (url, port):
        sent = {"bytes": 0}

        def flood() -> None:
            with connect(port) as sock:
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ")
                chunk = b"a" * 65536
                with contextlib.suppress(OSError):  # the server closes on us: that is the point
                    for _ in range(1024):  # 64 MB
                        sock.sendall(chunk)
                        sent["bytes"] += len(chunk)

        thread = threading.Thread(target=flood)
        thread.start()
        slowest = max(health_ms(url) for _ in range(20))
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert sent["bytes"] < 8 * 1024 * 1024  # refused early, not read to the end
        assert slowest < 1000, slowest


def test_slow_headers_get_408_at_the_deadline_whatever_the_pace(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    with serving(tmp_path, churn_model_dir, header_timeout_s=1.0) as (url, port):
        started = time.perf_counter()
        with connect(port) as sock:  # a byte every 0.2 s: each one would reset an idle timer
            with contextlib.suppress(OSError):
                for byte in b"GET /health HTTP/1.1\r\nHost: x\r\n":
                    sock.send(bytes([byte]))
                    time.sleep(0.2)
            status, body = read_response(sock)
        assert status == 408 and "1 s" in body["error"]
        assert 0.9 < time.perf_counter() - started < 3.0
        with connect(port) as silent:  # a connection that never sends a byte
            status, _ = read_response(silent)
            assert status == 408
        assert health_ms(url) < 1000


def test_a_slow_body_gets_408(tmp_path: Path, churn_model_dir: Path) -> None:
    with serving(tmp_path, churn_model_dir, body_timeout_s=1.0) as (_, port):
        with connect(port) as sock:
            body = json.dumps(RECORD).encode()
            sock.sendall(
                b"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"X-API-Key: {KEY}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body[:10]
            )
            started = time.perf_counter()
            status, answer = read_response(sock)
        assert status == 408 and "1 s" in answer["error"]
        assert time.perf_counter() - started < 3.0


def test_past_the_connection_cap_the_longest_waiting_connection_makes_room(
    tmp_path: Path, churn_model_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aieng.serve")
    with serving(tmp_path, churn_model_dir, max_connections=20) as (url, port):
        idle = [connect(port) for _ in range(40)]  # open, say nothing
        time.sleep(0.3)
        assert health_ms(url) < 1000  # the 41st gets in
        closed = 0
        for sock in idle:
            sock.settimeout(0.2)
            with contextlib.suppress(TimeoutError):
                closed += sock.recv(1) == b""
            sock.close()
        assert closed >= 20, closed  # the oldest ones were closed to make room
    said = [r for r in caplog.records if "waiting longest" in r.getMessage()]
    assert 1 <= len(said) <= 2, len(said)  # tallied: an attacker cannot flood the log


def test_when_every_connection_is_busy_a_new_one_gets_503(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    limits = {"max_connections": 5, "body_timeout_s": 5.0}
    with serving(tmp_path, churn_model_dir, **limits) as (_, port):
        busy = []
        for _ in range(5):  # requests in progress: headers done, the body still coming
            sock = connect(port)
            sock.sendall(
                b"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                + f"X-API-Key: {KEY}\r\n\r\n{{".encode()
            )
            busy.append(sock)
        time.sleep(0.3)
        with connect(port) as extra:
            status, body = read_response(extra)
        assert status == 503 and "too many connections" in body["error"]
        for sock in busy:
            sock.close()


def test_past_max_in_flight_requests_get_503_but_probes_answer(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    with serving(tmp_path, churn_model_dir, max_in_flight=2, body_timeout_s=5.0) as (url, port):
        slow = []
        for _ in range(2):
            sock = connect(port)
            sock.sendall(
                b"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                + f"X-API-Key: {KEY}\r\n\r\n{{".encode()
            )
            slow.append(sock)
        time.sleep(0.3)
        r = httpx.post(f"{url}/v1/predict", json=RECORD, headers={"X-API-Key": KEY})
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert "2 requests are in progress" in r.json()["error"]
        assert health_ms(url) < 1000
        assert httpx.get(f"{url}/ready").status_code == 200
        for sock in slow:
            sock.close()
        time.sleep(0.3)
        r = httpx.post(f"{url}/v1/predict", json=RECORD, headers={"X-API-Key": KEY})
        assert r.status_code == 200


def test_the_issues_slowloris_1100_clients_with_1024_open_files(
    tmp_path: Path, churn_model_dir: Path
) -> None:
    """The hardening issue's case at its own scale: 1,100 clients trickling their headers at
    ``aieng serve`` (default limits) in a process that may open 1,024 files, a common default.
    Before the limits, the server ran out of file descriptors and accepted nothing more."""
    assert raise_open_files_limit(4096) >= 1200, "this test needs 1,200 open files"
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    def at_most_1024_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    env = {**os.environ, "AIENG_SERVE_LOG_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "aieng", "serve", "--model-dir", str(churn_model_dir),
         "--port", str(port), "--log-level", "error"],
        env=env, preexec_fn=at_most_1024_files, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    clients: list[socket.socket] = []
    try:
        wait_ready(url)
        for _ in range(1100):
            sock = connect(port)
            sock.sendall(b"G")
            clients.append(sock)
        worst = 0.0
        deadline = time.monotonic() + 12  # past the 10 s header deadline
        while time.monotonic() < deadline:
            for sock in clients[::20]:  # a byte now and then, as the issue's clients did
                with contextlib.suppress(OSError):
                    sock.send(b"E")
            worst = max(worst, health_ms(url))
            time.sleep(0.5)
        assert worst < 2000, worst
    finally:
        for sock in clients:
            sock.close()
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()[-2000:]
