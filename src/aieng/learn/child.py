"""The sandboxed side of grading: ``python -m aieng.learn.child RESULT`` (the job on stdin).

This process imports the learner's file and calls their function on every case. It trusts
nothing it runs: it caps its own address space first (``RLIMIT_AS``; the parent enforces the
time limit), turns every failure — syntax error, import error, exception, ``sys.exit``, an
output that cannot be sent back — into a plain record, and stops at the first exception.
It only imports the standard library and NumPy, so it starts in a few tenths of a second.

The job — a pickle the parent sends on stdin, by when this process has imported NumPy —
holds ``path``, ``function``, ``cases`` (a list of argument tuples), ``memory_mb``,
``progress`` (a file where the index of the running case is written before each call, so the
parent can say which input never returned), ``harness`` (``"module:function"`` of
``aieng.learn.harnesses``, or None) and ``answer`` (the kind of file, ``"python"`` by default).
With a harness, each case calls ``harness(fn, *args)`` instead of ``fn(*args)``; the harness is
imported *before* the learner's file, so it keeps the real functions it patches whatever the
learner's module does when it is imported.

An answer that is not Python (``answer``: ``"bash"``, ``"dockerfile"``; see
``aieng.learn.manifest``) is never imported: each case calls ``harness(path, *args)``, and the
harness runs or reads the file itself. A file that holds only comments and blank lines is the
untouched starter: it is reported as not written yet, as ``raise NotImplementedError`` is.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import importlib.util
import io
import pickle
import resource
import sys
import traceback
import warnings
from pathlib import Path
from typing import Any

from aieng.learn.harnesses import Refused
from aieng.learn.harnesses import load as load_harness  # the standard library only

MODULE_NAME = "learner_solution"
MAX_PRINTED = 2000  # characters of the learner's own print() output kept for the report


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _learner_frame(exc: BaseException, path: str) -> tuple[int, str] | None:
    """The deepest line of the learner's file in the traceback: where *their* code failed."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    if not frames:
        return None
    return frames[-1].lineno or 0, (frames[-1].line or "").strip()


def _error(exc: BaseException, path: str) -> dict[str, Any]:
    return {
        "type": type(exc).__name__,
        "message": str(exc)[:500],
        "where": _learner_frame(exc, path),
    }


def _same(before: Any, after: Any) -> bool:
    import numpy as np

    if before is after:  # an immutable input (deepcopy returns it as is): NaN is not == NaN
        return True
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and bool(np.array_equal(before, after, equal_nan=True))
        )
    try:
        return bool(before == after)
    except Exception:
        return True  # cannot compare: do not accuse the learner


def _written(text: str) -> bool:
    """Whether a script or Dockerfile holds anything but comments (``#…``) and blank lines."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _load_file(job: dict[str, Any]) -> Any:
    """``harness(path, …)`` for an answer that is not Python, or the record saying why not."""
    path = job["path"]
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return {"status": "unreadable", "message": f"cannot read {path}: {exc.strerror}"}
    if not _written(text):
        return {"status": "unwritten"}
    return functools.partial(load_harness(job["harness"]), Path(path))


def _run(job: dict[str, Any]) -> dict[str, Any]:
    path = job["path"]
    if job.get("answer", "python") != "python":
        call = _load_file(job)
        return call if isinstance(call, dict) else _cases(call, job)
    harness = load_harness(job["harness"]) if job.get("harness") else None
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path)
    if spec is None or spec.loader is None:
        return {"status": "unreadable", "message": f"cannot import {path}"}
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE_NAME] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        return {
            "status": "syntax",
            "message": exc.msg,
            "line": exc.lineno,
            "offset": exc.offset,
            "text": (exc.text or "").rstrip("\n"),
        }
    except MemoryError:
        return {"status": "memory"}
    except BaseException as exc:  # ImportError, NameError at top level, sys.exit(), …
        return {"status": "import", "error": _error(exc, path)}
    fn = getattr(module, job["function"], None)
    if fn is None:
        defined = sorted(
            n for n, v in vars(module).items() if callable(v) and not n.startswith("_")
        )
        return {"status": "missing", "defined": defined}
    if not callable(fn):
        return {"status": "not_callable", "type": type(fn).__name__}
    return _cases(fn if harness is None else functools.partial(harness, fn), job)


def _cases(call: Any, job: dict[str, Any]) -> dict[str, Any]:
    """Call ``call`` on every case's arguments, until the first exception."""
    path = job["path"]
    results: list[dict[str, Any]] = []
    progress = Path(job["progress"])
    for index, args in enumerate(job["cases"]):
        progress.write_text(str(index))
        pristine = copy.deepcopy(args)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = call(*args)
            except MemoryError:
                return {"status": "memory", "results": results, "case": index}
            except Refused as exc:  # the harness's verdict on a rule it checks itself
                results.append({"refused": {"check": exc.check, "lines": list(exc.lines)}})
                break
            except BaseException as exc:
                results.append({"error": _error(exc, path)})
                break
        record: dict[str, Any] = {
            "mutated": [
                i for i, (a, b) in enumerate(zip(pristine, args, strict=True)) if not _same(a, b)
            ],
            # NumPy's overflow / invalid value / division warnings; not deprecations and the like
            "warnings": sorted(
                {f"{w.message}" for w in caught if issubclass(w.category, RuntimeWarning)}
            ),
        }
        try:
            record["value"] = pickle.loads(pickle.dumps(value))
        except Exception:
            record["unpicklable"] = type(value).__name__
        results.append(record)
    return {"status": "ran", "results": results}


def main(argv: list[str]) -> int:
    result_path = Path(argv[0])
    import numpy  # noqa: F401  — now, while the parent still prepares the job

    job = pickle.loads(sys.stdin.buffer.read())
    _limit_memory(int(job["memory_mb"]))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            result = _run(job)
        except MemoryError:
            result = {"status": "memory"}
    result["printed"] = printed.getvalue()[:MAX_PRINTED]
    result_path.write_bytes(pickle.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
