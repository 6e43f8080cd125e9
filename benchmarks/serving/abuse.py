"""Month 10 benchmark: hostile clients against `aieng serve` and `mlflow models serve`.

The attacks of the hardening issue, measured against both servers on the same exported model
folder (one worker each), one server at a time and a fresh server for every attack:

1. ``big-header``: one 64 MiB header, streamed in 64 KiB chunks;
2. ``huge-headers``: four 500 MiB headers at once (capped at 60 s per server);
3. ``slowloris``: 1,100 clients each sending one byte every 5 s, for 30 s; a client the server
   cuts off connects again at its next byte, as slowloris tools do;
4. ``nested-json``: JSON nested 300 and 1,100 levels deep, as the whole body and in one field,
   to the predict route (ours ``/v1/predict``, MLflow's ``/invocations``), again and again;
5. ``long-string``: a 1,000,000-character string in one field, again and again;
6. ``slow-body``: Content-Length 10,000, one byte a second (capped at 45 s).

While each attack runs (and for at least 3 s, so that a refusal taking milliseconds still has
probes beside it), the benchmark measures what the other clients and the machine see:

* ``/health`` on a new connection every 0.2 s (an orchestrator's probe does not reuse one),
  timeout 5 s: p50 and max latency, probes that failed or timed out; then, once the attacker
  has stopped, how long until ``/health`` answers again;
* the server's process group (MLflow's CLI runs uvicorn in a child): RSS summed over the
  group and CPU time, from /proc every 100 ms; peak RSS, average and busiest-second cores;
* what the attacker saw: the status, the bytes its socket accepted before the cut (this counts
  what sits in the kernel's socket buffers too: a few MiB on loopback), seconds until refused;
* the server's log: tracebacks, "unhandled error" lines and 5xx answers.

Ours runs as in production, with an API key required, and with its default limits (16 KiB of
headers within 10 s, a 30 s body deadline, 1,000 connections; aieng.serve.protocol). MLflow's
server is uvicorn with httptools and none of these. Both start with a soft open-file limit of
1,024 (Linux's usual default; the hard limit is left as it is, and ``aieng serve`` raises its
own soft limit towards it). Given 20,000 (``--server-open-files 0`` on a machine whose limit is
20,000), MLflow holds all 1,100 slow clients and /health answers: the lock-out is the file limit.
Each server's log is kept in benchmarks/.cache/serving/abuse-logs.

Measured on 2 shared EPYC cores (load average 0.8–1.7), MLflow 3.17.2: ours refused every header
flood in ≤ 2 ms (431) with /health at 1–4 ms and no memory growth; MLflow read the 64 MiB header
whole (a /health probe timed out meanwhile) and, under four 500 MiB headers, used a core for the
full 60 s, grew from 491 to 1,098 MiB and answered 2 of 14 probes. Slowloris locked MLflow out
(149 of 151 probes failed) while ours answered all 151 (p50 3 ms). JSON 1,100 levels deep: ours
a 181-byte 422, MLflow a 500 (RecursionError) and a dropped connection; a 1,000,000-character
value: ours a 452-byte 422, MLflow a 200; a slow body: ours 408 at 30.0 s, MLflow nothing by 45 s.

    .venv/bin/python benchmarks/serving/abuse.py [--only NAME] [--server ours|mlflow|both]
"""

from __future__ import annotations

import argparse
import contextlib
import heapq
import json
import os
import re
import resource
import select
import selectors
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import bench
import httpx
import machine
import servers

from aieng.serve.local import free_port
from aieng.serve.protocol import raise_open_files_limit

MIB = 1 << 20
CHUNK = b"a" * 65_536  # one send of a header flood
PROBE_EVERY_S, PROBE_TIMEOUT_S = 0.2, 5.0
SAMPLE_EVERY_S = 0.1
MIN_WINDOW_S = 3.0  # a refusal in milliseconds still gets 15 probes beside it
RECOVERY_CAP_S = 60.0
LOGS = bench.CACHE / "abuse-logs"
COL, VALUE = 40, 30  # the tables' column widths


# -- what the server costs and what /health does, while an attack runs --------------------------


@dataclass
class Probe:
    ms: float
    status: int | None  # None: no answer (refused, reset, or timed out)
    timed_out: bool


def probe(port: int, path: str, timeout: float = PROBE_TIMEOUT_S) -> Probe:
    """``GET path`` on a new connection, raw: httpx would spend milliseconds of this process's
    CPU per request (a client, an SSL context) and blur what the server's latency is."""
    started = time.perf_counter()
    deadline = started + timeout
    data = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            while b"\r\n" not in data:
                sock.settimeout(max(deadline - time.perf_counter(), 0.001))
                if not (chunk := sock.recv(4096)):
                    break
                data += chunk
    except TimeoutError:
        return Probe((time.perf_counter() - started) * 1000, None, timed_out=True)
    except OSError:
        pass
    return Probe((time.perf_counter() - started) * 1000, status_of(data), timed_out=False)


def status_of(data: bytes) -> int | None:
    """The status of an HTTP response's first line, if ``data`` starts with one."""
    found = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(found.group(1)) if found else None


def usage(pids: list[int]) -> tuple[int, float]:
    """RSS bytes and CPU seconds (user + system) summed over ``pids``, from /proc/PID/stat."""
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    rss, cpu = 0, 0.0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        cpu += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        rss += int(fields[21]) * page
    return rss, cpu


class Watch:
    """Two threads while an attack runs: /health every 0.2 s, the process group every 100 ms."""

    def __init__(self, server: servers.Server, health: str) -> None:
        self.server, self.health = server, health
        self.probes: list[Probe] = []
        self.samples: list[tuple[float, int, float]] = []  # (monotonic s, RSS bytes, CPU s)
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self._probe, daemon=True),
            threading.Thread(target=self._sample, daemon=True),
        ]
        self.started = self.ended = 0.0

    def __enter__(self) -> Watch:
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # A refusal in milliseconds still gets MIN_WINDOW_S of probes beside it.
        if exc[0] is None:
            time.sleep(max(self.started + MIN_WINDOW_S - time.monotonic(), 0))
        self.ended = time.monotonic()
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=PROBE_TIMEOUT_S + 2)

    def _probe(self) -> None:
        while not self.stop.is_set():
            began = time.monotonic()
            self.probes.append(probe(self.server.port, self.health))
            self.stop.wait(max(began + PROBE_EVERY_S - time.monotonic(), 0))

    def _sample(self) -> None:
        pids: list[int] = []
        n = 0
        while not self.stop.is_set():
            if n % 10 == 0:  # a /proc scan for the group: a new child shows within a second
                pids = self.server.pids()
            rss, cpu = usage(pids)
            self.samples.append((time.monotonic(), rss, cpu))
            n += 1
            self.stop.wait(SAMPLE_EVERY_S)

    # -- what it measured --

    def health_rows(self) -> dict[str, str]:
        answered = [p for p in self.probes if p.status == 200]
        failed = sum(p.status != 200 and not p.timed_out for p in self.probes)
        timed_out = sum(p.timed_out for p in self.probes)
        ms = [p.ms for p in self.probes]  # a timeout counts as its 5,000 ms: the client waited
        worst = max(self.probes, key=lambda p: p.ms, default=None)
        return {
            "/health probes: answered 200": f"{len(answered)} of {len(self.probes)}",
            "/health probes: failed / timed out (5 s)": f"{failed} / {timed_out}",
            "/health p50 / max ms": "—"
            if worst is None
            else f"{statistics.median(ms):,.1f} / "
            + ("timeout" if worst.timed_out else f"{worst.ms:,.1f}"),
        }

    def resource_rows(self, idle_rss: int) -> dict[str, str]:
        if not self.samples:
            return {}
        peak = max(rss for _, rss, _ in self.samples)
        (t0, _, c0), (t1, _, c1) = self.samples[0], self.samples[-1]
        busiest = 0.0  # the CPU over the busiest second (or the whole window, if shorter)
        for i, (ta, _, ca) in enumerate(self.samples):
            later = [s for s in self.samples[i:] if s[0] - ta >= 1.0]
            tb, _, cb = later[0] if later else self.samples[-1]
            if tb > ta:
                busiest = max(busiest, (cb - ca) / (tb - ta))
        return {
            "server RSS MiB: idle → peak": f"{idle_rss / MIB:,.0f} → {peak / MIB:,.0f}",
            "server CPU cores: average / busiest 1 s": f"{(c1 - c0) / max(t1 - t0, 1e-9):.2f}"
            f" / {busiest:.2f}",
        }


def back_after(port: int, health: str, cap: float = RECOVERY_CAP_S) -> float | None:
    """Seconds from now until ``/health`` answers 200 (None: not within ``cap``)."""
    started = time.monotonic()
    while time.monotonic() - started < cap:
        if probe(port, health).status == 200:
            return time.monotonic() - started
        time.sleep(0.1)
    return None


# -- the servers ---------------------------------------------------------------------------


@dataclass
class Target:
    """A running server and how to talk to it."""

    name: str  # "aieng" or "mlflow"
    server: servers.Server
    route: str  # the predict route
    headers: dict[str, str]  # what a valid predict request sends
    valid: bytes  # a valid one-record predict body
    names: list[str]  # the model's columns, in MLflow's order
    health: str = "/health"

    @property
    def label(self) -> str:
        return "aieng serve" if self.name == "aieng" else "mlflow models serve"

    def with_value(self, column: str, value_json: str) -> bytes:
        """The valid body with ``column``'s value replaced by the JSON text ``value_json``
        (written as text: json.dumps refuses to nest 1,100 levels)."""
        body = json.loads(self.valid)
        if self.name == "aieng":
            body[column] = "@"
        else:  # MLflow's dataframe_split: one row of cells, in the signature's column order
            body["dataframe_split"]["data"][0][self.names.index(column)] = "@"
        return json.dumps(body).replace('"@"', value_json).encode()

    def request_head(self, length: int) -> bytes:
        lines = [f"POST {self.route} HTTP/1.1", "Host: x", f"Content-Length: {length}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


def make_server(name: str, model: Path, workdir: Path, open_files: int) -> servers.Server:
    workdir.mkdir(parents=True, exist_ok=True)
    if name == "aieng":
        server = servers.ours(model, free_port(), workdir, bench.API_KEY)
        # The worktree's code, as `python -m aieng` (with the caller's PYTHONPATH, kept by
        # servers.base_env), rather than whichever install the venv's `aieng` script imports.
        server.cmd = [sys.executable, "-m", "aieng", *server.cmd[1:]]
    else:
        server = servers.mlflow(model, free_port(), workdir)
    server.open_files = open_files or None
    return server


def health_route(server: servers.Server) -> str:
    """``/health`` if the server has one (ours does, MLflow 2.x+ too), else MLflow's ``/ping``."""
    for path in ("/health", "/ping"):
        if probe(server.port, path).status == 200:
            return path
    raise SystemExit(f"{server.name} answers neither /health nor /ping")


def log_rows(server: servers.Server) -> tuple[dict[str, str], list[str], Counter[str]]:
    """Tracebacks, "unhandled error" lines and 5xx answers in the server's log; the first
    traceback (or unhandled error), and how often each exception was raised."""
    text = server.log_path.read_text(errors="replace") if server.log_path.exists() else ""
    # Ours logs JSON lines, a traceback in one line's "error"; uvicorn's default log, text.
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("{") and '"error"' in line:
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                lines += [f"{record['level']}: {record['message']}", *record["error"].splitlines()]
                continue
        lines.append(line)
    tracebacks = sum(line.startswith("Traceback") for line in lines)
    unhandled = sum("unhandled error" in line for line in text.splitlines())
    fives = sum(bool(re.search(r'"status": ?5\d\d\b|HTTP/1\.[01]" 5\d\d\b', x)) for x in lines)
    raised: Counter[str] = Counter()  # the line after a traceback's indented frames
    first: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and lines[j].startswith((" ", "\t")):
                j += 1
            if j < len(lines):
                raised[lines[j][:200]] += 1
            first = first or [x[:300] for x in lines[max(i - 2, 0) : j + 1]]
    if not first:
        first = [x[:300] for x in lines if "unhandled error" in x][:3]
    counts = f"{tracebacks:,} / {unhandled:,} / {fives:,}"
    return {"log: tracebacks / unhandled errors / 5xx": counts}, first, raised


# -- the attacks ---------------------------------------------------------------------------


@dataclass
class Flood:
    """One header flood, as its attacker saw it."""

    sent: int = 0  # bytes the socket accepted: read by the server, or in the kernel's buffers
    status: int | None = None
    seconds: float = 0.0  # until the server answered, cut the connection, or the cap
    outcome: str = "capped"  # "refused" (an error status), "answered", "cut" (no answer), …


def pieces(size: int) -> Iterator[bytes]:
    """A ``GET /health`` whose one header is ``size`` bytes, in 64 KiB pieces."""
    yield b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: "
    for _ in range(size // len(CHUNK)):
        yield CHUNK
    yield b"\r\n\r\n"


def read_answer(sock: socket.socket, until: float) -> int | None:
    """The status of what the server sent, read until its first line, a close, or ``until``."""
    data = b""
    with contextlib.suppress(OSError):
        while b"\r\n" not in data and time.monotonic() < until:
            sock.settimeout(max(until - time.monotonic(), 0.001))
            if not (chunk := sock.recv(4096)):
                break
            data += chunk
    return status_of(data)


def flood(port: int, size: int, cap_s: float, stop: threading.Event) -> Flood:
    """Send a ``size``-byte header as fast as the server takes it; stop at its answer or cut,
    at ``stop``, or after ``cap_s`` seconds (MLflow reads 500 MiB for longer than that)."""
    got, started = Flood(), time.monotonic()
    until = started + cap_s
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        got.outcome = "no connection"
        return got
    with sock:
        sock.settimeout(0.5)  # a blocked send returns now and then to check the cap
        try:
            for piece in pieces(size):
                view = memoryview(piece)
                while view:
                    if stop.is_set() or time.monotonic() > until:
                        got.seconds = time.monotonic() - started
                        return got
                    if select.select([sock], [], [], 0)[0]:  # the server said something
                        got.status = read_answer(sock, time.monotonic() + 5)
                        got.seconds = time.monotonic() - started
                        got.outcome = "refused" if got.status else "cut"
                        return got
                    with contextlib.suppress(TimeoutError):
                        sent = sock.send(view)
                        view, got.sent = view[sent:], got.sent + sent
        except OSError:  # reset or broken pipe: cut off; the answer may be in the buffer
            got.seconds = time.monotonic() - started
            got.status = read_answer(sock, time.monotonic() + 1)
            got.outcome = "refused" if got.status else "cut"
            return got
        # Every byte was taken: the server read the whole header; its answer, if it comes.
        got.status = read_answer(sock, until)
        got.seconds = time.monotonic() - started
        got.outcome = "answered" if got.status else "capped"
        return got


def floods(target: Target, attackers: int, size: int, cap_s: float) -> dict[str, str]:
    stop = threading.Event()
    results: list[Flood] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(flood(target.server.port, size, cap_s, stop)),
            daemon=True,
        )
        for _ in range(attackers)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=cap_s + 15)
    finally:
        stop.set()  # Ctrl+C, or a thread stuck past its cap: every attacker stops
    if not results:
        return {"attacker: answer": "no attacker finished"}
    outcomes = Counter(
        f"{f.status} ({f.outcome})" if f.status else f"none ({f.outcome})" for f in results
    )
    sizes = [f.sent / MIB for f in results]
    refused = [f.seconds for f in results if f.outcome in ("refused", "cut")]
    answered = [f.seconds for f in results if f.outcome == "answered"]
    if answered and not refused:  # the whole header was read, and the request served
        until = f"never: answered after {secs(max(answered))}"
    elif not refused:
        until = f"not refused within {cap_s:g} s"
    elif len(refused) < len(results):
        until = f"{len(refused)} of {len(results)} refused"
    else:
        until = secs(min(refused)) + (f"–{secs(max(refused))}" if attackers > 1 else "")
    each = " (each)" if attackers > 1 else ""
    return {
        "attacker: answer": ", ".join(
            f"{k} ×{n}" if attackers > 1 else k for k, n in sorted(outcomes.items())
        ),
        f"attacker: MiB accepted of {size / MIB:,.0f}{each}": f"{min(sizes):,.1f}–{max(sizes):,.1f}"
        if attackers > 1
        else f"{sizes[0]:,.1f}",
        "attacker: seconds until refused": until,
        "attacker: seconds until it stopped": secs(max(f.seconds for f in results)),
    }


def secs(seconds: float) -> str:
    """Milliseconds shown when it took less than a second."""
    return f"{seconds:.3f}" if seconds < 1 else f"{seconds:,.1f}"


def big_header(target: Target) -> dict[str, str]:
    return floods(target, attackers=1, size=64 * MIB, cap_s=60)


def huge_headers(target: Target) -> dict[str, str]:
    return floods(target, attackers=4, size=500 * MIB, cap_s=60)


@dataclass
class Slot:
    """One slowloris client's place: at most one connection open at a time."""

    sock: socket.socket | None = None
    opened: float = 0.0
    position: int = 0  # bytes of SLOW_REQUEST sent on this connection


SLOW_REQUEST = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-a: b\r\n" * 200  # never ends in 30 s


def slowloris(
    target: Target, clients: int = 1100, seconds: float = 30.0, every: float = 5.0
) -> dict[str, str]:
    """``clients`` connections, each sending one byte of its headers every ``every`` seconds;
    one the server closes is opened again at its next byte (as slowloris tools do: the
    attacker keeps its ``clients`` places, not a particular connection)."""
    port = target.server.port
    slots = [Slot() for _ in range(clients)]
    sel = selectors.DefaultSelector()
    cuts: Counter[str] = Counter()
    cut_after: list[float] = []
    opened = failed = 0

    def open_slot(i: int) -> None:
        nonlocal opened, failed
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=1)
            sock.send(SLOW_REQUEST[:1])
        except OSError:
            failed += 1
            return
        sock.setblocking(False)
        slots[i] = Slot(sock, time.monotonic(), 1)
        sel.register(sock, selectors.EVENT_READ, i)
        opened += 1

    def cut(i: int, data: bytes) -> None:
        slot = slots[i]
        assert slot.sock is not None
        status = status_of(data)
        cuts[str(status) if status else "no answer"] += 1
        cut_after.append(time.monotonic() - slot.opened)
        sel.unregister(slot.sock)
        slot.sock.close()
        slots[i] = Slot()

    started = time.monotonic()
    try:
        for i in range(clients):  # all at once, as the clients did
            open_slot(i)
        # Each client's next byte, spread evenly over the 5 s: 220 bytes a second in all.
        due = [(started + every * (1 + i / clients), i) for i in range(clients)]
        heapq.heapify(due)
        while (now := time.monotonic()) < started + seconds:
            for key, _ in sel.select(timeout=0.05):
                try:
                    data = key.fileobj.recv(4096)  # type: ignore[union-attr]
                except OSError:
                    data = b""
                cut(key.data, data)
            while due and due[0][0] <= now:
                _, i = heapq.heappop(due)
                slot = slots[i]
                if slot.sock is None:
                    open_slot(i)
                else:
                    try:
                        slot.sock.send(SLOW_REQUEST[slot.position : slot.position + 1])
                        slot.position += 1
                    except OSError:
                        cut(i, b"")
                heapq.heappush(due, (now + every, i))
        held = sum(slot.sock is not None for slot in slots)
    finally:
        for slot in slots:
            if slot.sock is not None:
                slot.sock.close()
        sel.close()
    return {
        "attacker: connections opened": f"{clients:,} + {opened - clients:,} reopened"
        if opened >= clients
        else f"{opened:,}",
        "attacker: connects failed (1 s timeout)": f"{failed:,}",
        "attacker: cut with 408 / 503": f"{cuts['408']:,} / {cuts['503']:,}",
        "attacker: closed without an answer": f"{cuts['no answer']:,}",
        "attacker: seconds until cut, median": f"{statistics.median(cut_after):.1f}"
        if cut_after
        else "never cut",
        "attacker: open at the end (its view)": f"{held:,} of {clients:,}",
    }


def deep_json(depth: int) -> str:
    """``[[[…1…]]]``, ``depth`` levels deep, written as text."""
    return "[" * depth + "1" + "]" * depth


def repeat(
    target: Target, cases: list[tuple[str, bytes]], seconds: float, notes: list[str]
) -> dict[str, str]:
    """Each body POSTed to the predict route over and over, one at a time, for ``seconds``:
    the statuses, the answer's size, the time per request; the start of each answer in
    ``notes``."""
    rows = {}
    for label, body in cases:
        statuses: Counter[str] = Counter()
        sizes, ms, first = [], [], b""
        until = time.monotonic() + seconds
        with httpx.Client(timeout=30) as client:
            while time.monotonic() < until:
                began = time.perf_counter()
                try:
                    r = client.post(
                        target.server.url + target.route, content=body, headers=target.headers
                    )
                except httpx.TransportError:  # a connection dropped: an answer too
                    statuses["dropped"] += 1
                    continue
                ms.append((time.perf_counter() - began) * 1000)
                statuses[str(r.status_code)] += 1
                sizes.append(len(r.content))
                first = first or r.content
        rows[f"{label}: status"] = ", ".join(f"{k} ×{n:,}" for k, n in statuses.most_common())
        rows[f"{label}: answer bytes, ms p50"] = (
            f"{max(sizes):,}, {statistics.median(ms):,.1f}" if sizes else "—"
        )
        text = first[:160].decode(errors="replace")
        notes.append(f"{target.label}, {label}: {text}{' …' if len(first) > 160 else ''}")
    return rows


def nested_json(target: Target, notes: list[str]) -> dict[str, str]:
    cases = []
    for depth in (300, 1100):
        cases.append((f"{depth:,} deep, the body", deep_json(depth).encode()))
        cases.append((f"{depth:,} deep, one field", target.with_value("tenure", deep_json(depth))))
    return repeat(target, cases, 4.0, notes)


def long_string(target: Target, notes: list[str]) -> dict[str, str]:
    body = target.with_value("contract", json.dumps("x" * 1_000_000))
    rows = {"attacker: body bytes": f"{len(body):,}"}
    return rows | repeat(target, [("1,000,000 characters", body)], 5.0, notes)


def slow_body(
    target: Target, length: int = 10_000, cap_s: float = 45.0, every: float = 1.0
) -> dict[str, str]:
    """A valid body (padded with spaces to ``length`` bytes: still JSON, if it ever ends)
    sent one byte a second; the server's answer and when it came."""
    body = target.valid.ljust(length)
    status: int | None = None
    sent = 0
    with socket.create_connection(("127.0.0.1", target.server.port), timeout=5) as sock:
        sock.sendall(target.request_head(length))
        started = time.monotonic()
        with contextlib.suppress(OSError):
            while sent < length and time.monotonic() - started < cap_s:
                sock.send(body[sent : sent + 1])
                sent += 1
                if select.select([sock], [], [], every)[0]:  # an answer, or a close
                    status = read_answer(sock, time.monotonic() + 5)
                    break
        seconds = time.monotonic() - started
    return {
        "attacker: answer": f"{status} after {seconds:.1f} s"
        if status
        else f"none within {cap_s:g} s"
        if seconds >= cap_s
        else f"closed after {seconds:.1f} s",
        "attacker: body bytes sent": f"{sent:,} of {length:,}",
    }


@dataclass(frozen=True)
class Attack:
    name: str
    title: str
    run: Callable[[Target, list[str]], dict[str, str]]
    note: str = ""  # how to read the table, printed under it


ATTACKS = [
    Attack(
        "big-header",
        "1. One 64 MiB header, streamed in 64 KiB chunks (GET /health)",
        lambda t, notes: big_header(t),
        "MiB accepted counts what the kernel's socket buffers took as well: a few MiB on "
        "loopback,\nwhatever the server itself read.",
    ),
    Attack(
        "huge-headers",
        "2. Four 500 MiB headers at once, 64 KiB chunks (capped at 60 s per server)",
        lambda t, notes: huge_headers(t),
    ),
    Attack(
        "slowloris",
        "3. Slowloris: 1,100 clients, one byte of headers every 5 s each, for 30 s",
        lambda t, notes: slowloris(t),
        "Closed without an answer: ours closes the connection that has waited longest to make "
        "room for a new one\n(aieng.serve.protocol); MLflow's uvicorn runs on uvloop, whose "
        "libuv closes at once the connections it\ncannot accept once the process has no file "
        "descriptor left: /health's too.",
    ),
    Attack(
        "nested-json",
        "4. JSON nested 300 and 1,100 levels deep, to the predict route, 4 s of requests each",
        nested_json,
        "dropped: the server closed the connection after its 500 without saying so "
        "(no Connection: close),\nand the client's next request on it failed.",
    ),
    Attack(
        "long-string",
        "5. A 1,000,000-character string in one field (contract), 5 s of requests",
        long_string,
    ),
    Attack(
        "slow-body",
        "6. A slow body: Content-Length 10,000, one byte a second (capped at 45 s)",
        lambda t, notes: slow_body(t),
        "MLflow's scoring server has a request timeout of its own, 60 s by default "
        "(MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT,\na 504): past this benchmark's 45 s cap.",
    ),
]


# -- one attack against one server ---------------------------------------------------------


Sample = tuple[bytes, bytes, list[str]]  # one record: our body, MLflow's, MLflow's columns


@dataclass
class Run:
    rows: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    load: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None


def attack_one(
    attack: Attack, name: str, model: Path, sample: Sample, tmp: Path, open_files: int
) -> Run:
    """A fresh server, the attack with /health and /proc watched, the recovery, the log."""
    server = make_server(name, model, tmp / f"{attack.name}-{name}", open_files)
    ours, theirs, names = sample
    json_type = {"Content-Type": "application/json"}
    target = (
        Target(
            "aieng", server, "/v1/predict", {**json_type, "X-API-Key": bench.API_KEY}, ours, names
        )
        if name == "aieng"
        else Target("mlflow", server, "/invocations", json_type, theirs, names)
    )
    run = Run()
    try:
        server.start()
        server.wait_ready()
        target.health = health_route(server)
        time.sleep(1.0)  # settled: the idle RSS is the server's, not its start-up's
        idle_rss, _ = usage(server.pids())
        before = os.getloadavg()
        print(f"  {attack.name}: {target.label} …", file=sys.stderr, flush=True)
        with Watch(server, target.health) as watch:
            run.rows.update(attack.run(target, run.notes))
        run.rows["window: seconds watched"] = f"{watch.ended - watch.started:.1f}"
        run.rows.update(watch.health_rows())
        back = back_after(server.port, target.health)
        run.rows["/health answers again after (s)"] = (
            f"{back:.1f}" if back is not None else f"not within {RECOVERY_CAP_S:g}"
        )
        run.rows.update(watch.resource_rows(idle_rss))
        rss_after, _ = usage(server.pids())
        run.rows["server RSS MiB once /health answers"] = f"{rss_after / MIB:,.0f}"
        exited = server.proc.poll() if server.proc is not None else None
        run.rows["server process"] = "alive" if exited is None else f"EXITED ({exited})"
        run.load = (before, os.getloadavg())
    finally:
        server.stop()
        log, excerpt, raised = log_rows(server)
        run.rows.update(log)
        for error, n in raised.most_common(3):
            run.notes.append(f"{target.label} log: {n:,} × {error}")
        if excerpt and name == "aieng":  # ours must have none: shown whole
            run.notes.append(f"{target.label} log, the first traceback / unhandled error:")
            run.notes += [f"    {line}" for line in excerpt[-40:]]
        if server.log_path.exists():
            LOGS.mkdir(parents=True, exist_ok=True)
            shutil.copy(server.log_path, LOGS / f"{attack.name}-{name}.log")
    return run


def table(attack: Attack, runs: dict[str, Run]) -> None:
    labels = {"aieng": "aieng serve", "mlflow": "mlflow models serve"}
    print(f"\n{attack.title}")
    print(f"{'':<{COL}}" + "".join(f"{labels[n]:>{VALUE}}" for n in runs))
    keys = list(dict.fromkeys(k for run in runs.values() for k in run.rows))
    for key in keys:
        print(
            f"{key:<{COL}}" + "".join(f"{run.rows.get(key, '—'):>{VALUE}}" for run in runs.values())
        )
    for n, run in runs.items():
        if run.load:
            before, after = run.load
            print(
                f"  load average around {labels[n]}: {machine.loadavg(before)} before, "
                f"{machine.loadavg(after)} after"
            )
    for run in runs.values():
        for note in run.notes:
            print(f"  {note}")
    if attack.note:
        print("  " + attack.note.replace("\n", "\n  "))


def files(limit: int) -> str:
    return "unlimited" if limit == resource.RLIM_INFINITY else f"{limit:,}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=[a.name for a in ATTACKS], help="run one attack")
    parser.add_argument("--server", choices=["ours", "mlflow", "both"], default="both")
    parser.add_argument(
        "--server-open-files",
        type=int,
        default=1024,
        help="the soft open-file limit each server starts with (0: the one this "
        "benchmark was started with)",
    )
    parser.add_argument("--rebuild", action="store_true", help="re-make the cached model folder")
    args = parser.parse_args()

    attacks = [a for a in ATTACKS if args.only in (None, a.name)]
    names = {"ours": ["aieng"], "mlflow": ["mlflow"], "both": ["aieng", "mlflow"]}[args.server]
    given, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    own = raise_open_files_limit(4096)
    open_files = args.server_open_files or given
    skipped = ""
    if own < 1100 + 200 and any(a.name == "slowloris" for a in attacks):
        skipped = (
            f"slowloris SKIPPED: this process may open {own:,} files (hard limit {files(hard)}), "
            "and 1,100 clients need 1,300 (raise it: ulimit -Hn)"
        )
        attacks = [a for a in attacks if a.name != "slowloris"]

    model = servers.model_folder(bench.CACHE, rebuild=args.rebuild)
    rows, columns, types = bench.sample(model, 1, seed=0)
    sample: Sample = (*bench.bodies(rows, columns, types), columns)
    before = os.getloadavg()

    # SIGTERM/SIGHUP (e.g. make interrupted) unwind through the finally blocks, like Ctrl+C.
    def _stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    results: dict[str, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="aieng-serving-abuse-") as tmp:
        for attack in attacks:
            results[attack.name] = {
                name: attack_one(attack, name, model, sample, Path(tmp), open_files)
                for name in names
            }
    after = os.getloadavg()

    print(
        f"\nMachine: {machine.describe()}; load average {machine.loadavg(before)} before, "
        f"{machine.loadavg(after)} after\n"
        f"aieng serve (API key on, default limits) vs mlflow models serve {version('mlflow')} "
        f"(uvicorn {version('uvicorn')}, httptools {version('httptools')}): 1 worker each, a "
        f"fresh server per attack, one at a time;\nservers start with a soft open-file limit "
        f"of {files(open_files)} (hard {files(hard)}); /health on a new connection every "
        f"{PROBE_EVERY_S:g} s (timeout {PROBE_TIMEOUT_S:g} s)\nwhile the attack runs "
        f"(≥ {MIN_WINDOW_S:g} s), the server's process group from /proc every "
        f"{SAMPLE_EVERY_S * 1000:.0f} ms"
    )
    if skipped:
        print(f"\n!!! {skipped}")
    for attack in attacks:
        table(attack, results[attack.name])
    print(f"\nServer logs: {LOGS}")
    # What would be a bug in ours (never asserted for MLflow: measured, not judged).
    ours_bad = [
        f"{name}: {key} = {value}"
        for name, runs in results.items()
        if "aieng" in runs
        for key, value in runs["aieng"].rows.items()
        if (key.startswith("log:") and value != "0 / 0 / 0")
        or (key == "server process" and value != "alive")
        or (key.startswith("/health probes: failed") and value != "0 / 0")
        or (key.endswith(": status") and re.search(r"\b5\d\d ×|dropped", value))
    ]
    for line in ours_bad:
        print(f"!!! aieng serve, {line}")
    return 1 if ours_bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt as stop:  # Ctrl+C, SIGTERM, SIGHUP: the servers are already stopped
        print(f"\ninterrupted ({str(stop) or 'SIGINT'}): every server stopped", file=sys.stderr)
        sys.exit(130)
