"""Kill a process under load, then check that nothing it acknowledged was lost.

The pattern, shared by the prediction log's test (tests/code/test_predlog.py) and the service's
over HTTP:

1. Start the *victim* (the process that owns the store) and a *load* that prints one line per
   acknowledged record — the record's id, written and flushed right AFTER the acknowledgement
   (``await log.write(...)`` returned, or the HTTP response was a 200). The load may be the
   victim itself (the prediction log) or a separate client process (the service).
2. ``acks = AckReader(load.stdout)``, then ``acked = sigkill_after(victim, acks, n_acks=300)``:
   it waits for 300 acknowledgements, kills the victim with SIGKILL while writes are in flight,
   and returns every id acknowledged before the kill — including the lines still in the pipe.
   A client load must exit by itself once the server is gone (stop at the first failed request):
   ``sigkill_after`` reads its output until EOF.
3. Open the store and assert ``set(acked) <= ids_in_store``.

A kill test can only fail if acknowledging before the commit is possible, so pair it with a
negative control that acknowledges early and shows that the check catches the loss.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from typing import IO


class AckReader:
    """Collects complete lines from a text stream in a background thread (so waits can time out).

    A line cut short by the kill (no final newline) is not counted: it was never fully
    acknowledged.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self.eof = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.endswith("\n") and line.strip():
                with self._changed:
                    self.lines.append(line.strip())
                    self._changed.notify_all()
        with self._changed:
            self.eof = True
            self._changed.notify_all()

    def wait_for(self, n: int, *, timeout_s: float) -> None:
        """Block until ``n`` lines have arrived; AssertionError on timeout or early EOF."""
        with self._changed:
            self._changed.wait_for(lambda: len(self.lines) >= n or self.eof, timeout_s)
            if len(self.lines) < n:
                why = "the load ended" if self.eof else f"no {n} acks in {timeout_s:.0f} s"
                raise AssertionError(f"{why}: only {len(self.lines)} acknowledgements")

    def drain(self, *, timeout_s: float) -> list[str]:
        """Wait for EOF (the writer died or exited) and return every line."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.eof, timeout_s):
                raise AssertionError(f"the load still writes {timeout_s:.0f} s after the kill")
            return list(self.lines)


def sigkill_after(
    victim: subprocess.Popen[str], acks: AckReader, *, n_acks: int, timeout_s: float = 60.0
) -> list[str]:
    """SIGKILL ``victim`` once ``n_acks`` acknowledgements arrived; return all acknowledged ids."""
    try:
        acks.wait_for(n_acks, timeout_s=timeout_s)
    finally:
        os.kill(victim.pid, signal.SIGKILL)  # no cleanup, no atexit, no flush: a crash
        victim.wait(timeout=timeout_s)
    return acks.drain(timeout_s=timeout_s)
