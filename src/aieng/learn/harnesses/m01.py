"""Harnesses of month 1: an error family raised and caught, and a file write under trouble.

``raise_and_catch`` (m01.error-classes) builds the error the case names from the learner's
family and reports what a caller sees of it: the exit code, ``str(error)``, the ``except``
clauses of the family that catch it, its ``args``, and its ``message`` and ``hint``.

``replace_report`` (m01.atomic-write) is the interesting one: the property is "a reader sees the
old file or the new one, never a mix, whatever happens", and only trouble shows it. Each case
makes a fresh folder holding ``reports/report.txt`` (the old report) and ``tmp/`` (made
``tempfile.gettempdir()`` for the call, so a temporary file created outside the target's folder
is seen), calls ``atomic_write(target, text)`` with one kind of trouble, and reports:

* ``files`` — every file under the case's folder afterwards: the report's bytes, and any
  temporary file left behind, in the target's folder *or* in the temp folder;
* ``error`` — the error that reached the caller (``"OSError"``, ``"UnicodeEncodeError"``, or
  ``""``): a failed write must not be swallowed;
* ``old_file_untouched`` — the old file, read through a descriptor opened before the call, still
  holds its bytes. A rename gives the name to a new file and leaves the old one alone; writing
  the target in place (``open(target, "w")``, ``shutil.copy``) changes the very file a reader
  may be reading. The operating system answers this; no patch can fake it;
* ``renamed_within_folder`` — every ``os.replace``/``os.rename`` moved a file of the target's
  folder (a rename across file systems is a copy, not atomic);
* ``returns_target`` — the function returned ``target``.

The trouble (the case's ``trouble`` argument):

* ``"disk full"`` — ``RLIMIT_FSIZE`` set to half the payload for the call: the kernel refuses to
  grow any file past it (``OSError: File too large``, as a full disk answers ``ENOSPC``). It
  works below Python, so every way of writing meets it: ``write_text``, ``os.write``, a copy;
* ``"rename fails"`` — ``os.replace`` and ``os.rename`` raise ``OSError`` (a permission error
  at the last step);
* text UTF-8 cannot encode (a lone surrogate) needs no help: ``"".encode()`` fails by itself.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aieng.learn.harnesses import TAMPERED, Refused, patched

# The real functions, kept before any learner's file is imported (the child imports this first).
_REPLACE, _RENAME, _MKDTEMP = os.replace, os.rename, tempfile.mkdtemp

FAMILY = ("AiengError", "UsageError", "NotFoundError", "InputFileError", "ConfigError", "DataError")
DISK_FULL, RENAME_FAILS = "disk full", "rename fails"
TROUBLES = ("", DISK_FULL, RENAME_FAILS)


# ── m01.error-classes ─────────────────────────────────────────────────────────────────────────


def raise_and_catch(
    base: type, kind: str, message: str, hint: str, exit_code: int | None
) -> tuple[Any, str, list[str], list[Any], dict[str, Any]]:
    """The error ``kind`` of ``base``'s family, as a caller sees it once it is raised."""
    family = vars(sys.modules[base.__module__])
    cls = family.get(kind)
    if not isinstance(cls, type) or not issubclass(cls, BaseException):
        found = sorted(n for n, v in family.items() if isinstance(v, type) and n in FAMILY)
        raise Refused(
            f"your file defines {kind}",
            [
                f"there is no exception class {kind} in your file yet (found: "
                f"{', '.join(found) or 'none'}): define it as the docstring says, with its parent "
                "class in parentheses.",
            ],
        )
    make: Callable[..., BaseException] = cls
    error = make(message, hint=hint, exit_code=exit_code)  # the learner's __init__ runs here
    caught_by = [
        n for n in FAMILY if isinstance(family.get(n), type) and isinstance(error, family[n])
    ]
    kept = {"message": getattr(error, "message", None), "hint": getattr(error, "hint", None)}
    return getattr(error, "exit_code", None), str(error), caught_by, list(error.args), kept


# ── m01.atomic-write ──────────────────────────────────────────────────────────────────────────


def replace_report(
    atomic_write: Callable[..., Any], text: str, old_text: str, trouble: str
) -> tuple[dict[str, bytes], str, bool, bool, bool]:
    """Replace an old report with ``text`` through ``atomic_write``, with ``trouble``."""
    if trouble not in TROUBLES:
        raise ValueError(f"unknown trouble {trouble!r}")
    root = Path(_MKDTEMP(prefix="aieng-atomic-"))
    try:
        folder, scratch = root / "reports", root / "tmp"
        folder.mkdir()
        scratch.mkdir()
        target = folder / "report.txt"
        old = old_text.encode("utf-8")
        target.write_bytes(old)
        held = os.open(target, os.O_RDONLY)  # the old file itself, whatever happens to its name
        try:
            error, returned, renames = _call(atomic_write, target, text, trouble, scratch)
            untouched = os.pread(held, len(old) + 1, 0) == old
        finally:
            os.close(held)
        files = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }
        within = all(Path(src).parent == folder for src in renames)
        named = isinstance(returned, str | os.PathLike) and Path(returned) == target
        return files, error, untouched, within, named
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _call(
    atomic_write: Callable[..., Any], target: Path, text: str, trouble: str, scratch: Path
) -> tuple[str, Any, list[str]]:
    """Call ``atomic_write`` once: (the error that reached us, what it returned, renamed files)."""
    renames: list[str] = []

    def watched(real: Callable[..., Any]) -> Callable[..., Any]:
        def rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
            renames.append(os.fspath(src))
            if trouble == RENAME_FAILS:
                raise OSError(errno.EACCES, "Permission denied (the grader's simulated failure)")
            return real(src, dst, *args, **kwargs)

        return rename

    stand_ins = {
        (os, "replace"): watched(_REPLACE),
        (os, "rename"): watched(_RENAME),
        (tempfile, "tempdir"): str(scratch),  # gettempdir() and mkstemp() without dir=
    }
    limit = len(text.encode("utf-8", "surrogatepass")) // 2 if trouble == DISK_FULL else None
    returned: Any = None
    with _file_size_limit(limit), patched(atomic_write, stand_ins, what="atomic_write()"):
        try:
            returned = atomic_write(target, text)
        except NotImplementedError:
            raise  # the untouched starter: "atomic_write() is not written yet"
        except Exception as exc:
            if not trouble and encodable(text):
                raise  # no trouble at all: the learner's own error, shown with their line
            return _family(exc), None, renames
    return "", returned, renames


def encodable(text: str) -> bool:
    """Whether UTF-8 can encode ``text`` (a lone surrogate, from a bad decode, it cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _family(exc: BaseException) -> str:
    """The error that reached the caller, by the kind that matters: its cause's, if it wraps one.

    A library may wrap an ``OSError`` in its own error (``raise InputFileError(...) from exc``,
    as aieng does): the caller still learns that the write failed, and why.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnicodeEncodeError):
            return "UnicodeEncodeError"
        if isinstance(seen, OSError):
            return "OSError"
        seen = seen.__cause__ or seen.__context__
    return type(exc).__name__


@contextmanager
def _file_size_limit(limit: int | None) -> Iterator[None]:
    """No file may grow past ``limit`` bytes in this block (None: no limit), as on a full disk."""
    if limit is None:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("the disk-full simulation needs the main thread (signal handlers)")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    # Without this the kernel would kill the process (SIGXFSZ) instead of failing the write.
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        kept = resource.getrlimit(resource.RLIMIT_FSIZE)[0] == limit
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
        if not kept:
            raise Refused(
                TAMPERED,
                [
                    "atomic_write() changed the file size limit (resource.setrlimit) while it "
                    "was graded: the grader sets it to simulate a disk that fills up half-way "
                    "through the write. Leave the process's limits alone.",
                ],
            )
