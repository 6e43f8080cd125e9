"""Drive a server with ``wrk``: a POST body in a Lua script, every response status counted.

wrk's own summary counts only statuses above 399 as errors, so the script counts every response
whose status is not 200 itself (per wrk thread, summed in ``done``), beside wrk's socket errors.
``done`` prints one machine-readable line; the rest of wrk's output (``--latency``) is kept for
the record.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

MARK = "AIENG_WRK "

SCRIPT = """\
wrk.method = "POST"
wrk.body = [==[%(body)s]==]
%(headers)s
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) seen = 0; bad = 0 end
function response(status, headers, body)
  seen = seen + 1
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local seen, bad = 0, 0
  for _, t in ipairs(threads) do seen = seen + t:get("seen"); bad = bad + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '%(mark)s{"requests": %%.0f, "seconds": %%.6f, "seen": %%.0f, "non200": %%.0f, ' ..
    '"connect": %%.0f, "read": %%.0f, "write": %%.0f, "timeout": %%.0f, ' ..
    '"p50_ms": %%.3f, "p99_ms": %%.3f, "max_ms": %%.3f}\\n',
    summary.requests, summary.duration / 1e6, seen, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    requests: int
    seconds: float
    non200: int  # responses whose status was not 200
    socket_errors: int  # connect, read, write errors and timeouts
    p50_ms: float
    p99_ms: float
    max_ms: float
    text: str  # wrk's own report

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.non200 + self.socket_errors


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (Debian), then run again")
    return found


def script(body: bytes, headers: dict[str, str]) -> str:
    """The Lua script that POSTs ``body`` with ``headers`` and reports as JSON."""
    lines = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())
    return SCRIPT % {"body": body.decode(), "headers": lines, "mark": MARK}


def run(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    seconds: float,
    connections: int,
    threads: int,
) -> Load:
    """One wrk run of ``seconds`` against ``url``; the Lua script lives in a temp file."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="aieng-wrk-") as lua:
        lua.write(script(body, headers))
        lua.flush()
        cmd = [
            wrk_path(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout", "30s",  # a slow server's answers count as latency, not as errors
            "--latency",
            "-s", lua.name,
            url,
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    line = next((x for x in done.stdout.splitlines() if x.startswith(MARK)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary line:\n{done.stdout}\n{done.stderr}")
    got = json.loads(line[len(MARK) :])
    if got["seen"] < got["requests"]:  # the script must have seen every answer wrk counted
        raise RuntimeError(f"the Lua script saw {got['seen']} of {got['requests']} responses")
    return Load(
        requests=int(got["requests"]),
        seconds=float(got["seconds"]),
        non200=int(got["non200"]),
        socket_errors=int(got["connect"] + got["read"] + got["write"] + got["timeout"]),
        p50_ms=float(got["p50_ms"]),
        p99_ms=float(got["p99_ms"]),
        max_ms=float(got["max_ms"]),
        text=done.stdout.replace(line, "").strip(),
    )
