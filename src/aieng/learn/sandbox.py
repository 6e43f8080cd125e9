"""Run the learner's function in a subprocess with a time and a memory limit.

The parent (this module) never imports the learner's file. It writes a job, starts
``python -m aieng.learn.child`` and waits at most ``time_limit_s``; the child caps its own
memory. Whatever happens — an infinite loop, a segfault, ``os._exit``, a 50 GB allocation — the
parent gets a :class:`RunOutcome` it can explain, never a hang or a crash of ``aieng`` itself.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RunOutcome:
    """What the child reported (``status`` as in ``aieng.learn.child``), or how it died."""

    # ran · syntax · import · missing · not_callable · unreadable · unwritten (a script or
    # Dockerfile that holds only comments) · memory · timeout · crashed
    status: str
    results: list[dict[str, Any]] = field(default_factory=list)  # one per case run
    detail: dict[str, Any] = field(default_factory=dict)  # the rest of the child's record
    printed: str = ""  # what the learner's code printed
    case: int | None = None  # the case that was running when it timed out or crashed


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # One BLAS thread: grading is small work, and 2 cores are shared with the learner's editor.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the learner's workspace
    return env


class Sandbox:
    """A fresh child process for one grading, started *now*, waiting for its job on stdin.

    Start it as early as possible: the child imports NumPy while the parent loads the prepared
    cases, so the two overlap. :meth:`run` sends the job and waits at most ``time_limit_s``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = tempfile.TemporaryDirectory(prefix="aieng-check-")
        folder = Path(self._tmp.name)
        self.result, self.progress = folder / "result", folder / "progress"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "aieng.learn.child", str(self.result)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_child_env(),
            cwd=path.parent,
        )

    def run(
        self,
        function: str | None,
        cases: Sequence[tuple[Any, ...]],
        *,
        time_limit_s: float,
        memory_limit_mb: int,
        harness: str | None = None,
        answer: str = "python",
    ) -> RunOutcome:
        """Call ``function`` from the learner's file on each argument tuple.

        ``harness``: ``"module:function"`` of a grader-side harness (``aieng.learn.harnesses``)
        that the child calls as ``harness(fn, *args)`` instead of ``fn(*args)``. ``answer``: the
        kind of the learner's file; one that is not ``"python"`` is not imported, the harness
        gets its path (``harness(path, *args)``) and ``function`` is None.
        """
        job = {
            "path": str(self.path),
            "function": function,
            "cases": list(cases),
            "memory_mb": memory_limit_mb,
            "progress": str(self.progress),
            "harness": harness,
            "answer": answer,
        }
        try:
            return self._outcome(pickle.dumps(job), time_limit_s)
        finally:
            self.close()  # kills the child if it still runs, removes the job's files

    def _outcome(self, job: bytes, time_limit_s: float) -> RunOutcome:
        try:
            _, stderr = self.proc.communicate(job, timeout=time_limit_s)
        except subprocess.TimeoutExpired:
            return RunOutcome("timeout", case=_running_case(self.progress))
        code = self.proc.returncode
        if code != 0 or not self.result.exists():
            return RunOutcome(
                "crashed",
                detail={
                    "returncode": code,
                    "signal": _signal_name(code),
                    "stderr": stderr.decode(errors="replace")[-1500:],
                },
                case=_running_case(self.progress),
            )
        record: dict[str, Any] = pickle.loads(self.result.read_bytes())
        results = record.pop("results", [])
        printed = record.pop("printed", "")
        status = record.pop("status")
        return RunOutcome(status, results=results, detail=record, printed=printed)

    def close(self) -> None:
        """Stop the child if it still runs (never leave one behind)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        self._tmp.cleanup()


def run_cases(
    path: Path,
    function: str,
    cases: Sequence[tuple[Any, ...]],
    *,
    time_limit_s: float,
    memory_limit_mb: int,
    harness: str | None = None,
) -> RunOutcome:
    """Call ``function`` from the file ``path`` on each argument tuple, in a fresh process."""
    return Sandbox(path).run(
        function,
        cases,
        time_limit_s=time_limit_s,
        memory_limit_mb=memory_limit_mb,
        harness=harness,
    )


def _running_case(progress: Path) -> int | None:
    try:
        return int(progress.read_text())
    except (OSError, ValueError):
        return None  # it never reached the first call (slow or looping import)


def _signal_name(returncode: int) -> str:
    if returncode >= 0:
        return ""
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"
