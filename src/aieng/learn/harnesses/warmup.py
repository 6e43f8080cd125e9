"""Harnesses of month 1's warm-up: defaults, an object's life, an error raised, a file read.

``leave_out_none`` (m01.warmup-plural) calls the function with the case's arguments up to the
first ``None``: a ``None`` there stands for an argument *left out*, so the function's default is
what is tested — ``count(1, "row")`` — not a ``None`` passed in.

``run_script`` (m01.warmup-class) plays a script of lines such as ``"a = RunningStats([2, 4])"``,
``"a.add(3)"`` and ``"a.summary()"`` with the learner's class and returns every summary, its
mean cut to 12 significant digits (a mean kept up to date step by step may differ from
``total / count`` in the last bits, and both are right). It also returns whether every list
given to the constructor is unchanged at the end: an object that keeps the caller's list and
appends to it changes the caller's data. Two objects made without a list show a list default
shared between instances, and the process lives on between cases, so does a class attribute.

``catch_value_error`` (m01.warmup-exceptions) calls ``setting(config, name, default)`` and
reports what a caller sees: the ``ValueError`` raised (its message naming the setting? showing
the value received as ``repr()`` writes it?), or else the value returned. Other errors reach the
learner as errors of their code, with their line.

``read_in_folder`` (m01.warmup-files) writes the case's bytes to ``settings.txt`` in a fresh
folder (or writes nothing: the missing file) and calls ``read_settings(path)``. It returns the
name of the ``OSError``, ``UnicodeDecodeError`` or ``ValueError`` raised, the dict, the line
number the ``ValueError``'s message names, and ``file_closed``: no ``ResourceWarning`` (which
CPython gives when a file object is freed while still open) and no more open file descriptors
than before the call. A ``ValueError`` whose message names no line — ``too many values to
unpack`` from a ``split("=")`` on a valid file, or a bad line's error that does not say where —
is refused with the learner's own message, which a bare "raised ValueError" would hide.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aieng.learn.exact import cut
from aieng.learn.harnesses import Refused

# The real function, kept before any learner's file is imported (the child imports this first).
_MKDTEMP = tempfile.mkdtemp

FD_FOLDER = Path("/proc/self/fd")  # Linux; elsewhere the ResourceWarning alone is watched
SETTINGS_FILE = "settings.txt"
DIGITS = 12  # significant digits of a mean compared


# ── m01.warmup-plural ─────────────────────────────────────────────────────────────────────────


def leave_out_none(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn`` called with ``args`` up to the first None (the rest are left out: defaults)."""
    given = list(args)
    if None in given:
        given = given[: given.index(None)]
    return fn(*given)


# ── m01.warmup-class ──────────────────────────────────────────────────────────────────────────

_NEW = re.compile(r"^(\w+) = (\w+)\((.*)\)$")
_CALL = re.compile(r"^(\w+)\.(add|summary)\((.*)\)$")


def run_script(cls: type, script: list[str]) -> tuple[list[Any], bool]:
    """Every ``x.summary()`` of ``script`` run with ``cls``, and whether given lists are intact."""
    objects: dict[str, Any] = {}
    given: list[tuple[list[Any], list[Any]]] = []  # (the list passed, a copy of it)
    summaries: list[Any] = []
    for line in script:
        if made := _NEW.match(line):
            name, _, inside = made.groups()
            if inside:
                values = ast.literal_eval(inside)
                given.append((values, list(values)))
                objects[name] = cls(values)
            else:
                objects[name] = cls()
        elif called := _CALL.match(line):
            name, method, inside = called.groups()
            if not hasattr(objects[name], method):
                raise Refused(
                    f"{cls.__name__} has a method {method}()",
                    [
                        f"{cls.__name__} objects have no method {method}(): define it in the "
                        f"class, as `def {method}(self{', value' if method == 'add' else ''}):`."
                    ],
                )
            if method == "add":
                objects[name].add(ast.literal_eval(inside))
            else:
                summaries.append(_rounded(objects[name].summary()))
        else:
            raise ValueError(f"the grader's script has a line it cannot run: {line!r}")
    return summaries, all(values == copy for values, copy in given)


def _rounded(summary: Any) -> Any:
    """The summary with a float mean cut to ``DIGITS`` significant digits; anything else as is."""
    if isinstance(summary, dict) and type(summary.get("mean")) is float:
        return {**summary, "mean": float(f"{summary['mean']:.{DIGITS}g}")}
    return summary


# ── m01.warmup-exceptions ─────────────────────────────────────────────────────────────────────


def catch_value_error(
    fn: Callable[..., Any], config: dict[str, str], name: str, default: int | None
) -> tuple[str, Any, bool, bool]:
    """("ValueError" or "", returned, the message names ``name``, it shows the value's repr)."""
    try:
        returned = fn(config, name, default)
    except ValueError as exc:
        message = str(exc)
        return "ValueError", None, name in message, repr(config.get(name)) in message
    return "", returned, False, False


# ── m01.warmup-files ──────────────────────────────────────────────────────────────────────────

_LINE = re.compile(r"\bline (\d+)\b")


def read_in_folder(
    fn: Callable[..., Any], content: bytes | None
) -> tuple[str, Any, int | None, bool]:
    """(the error raised, the dict read, the line its message names, the file was closed)."""
    folder = Path(_MKDTEMP(prefix="aieng-warmup-"))
    try:
        path = folder / SETTINGS_FILE
        if content is not None:
            path.write_bytes(content)
        before = _open_descriptors()
        returned: Any = None
        raised, line, unnamed = "", None, ""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            try:
                returned = fn(path)
            except (OSError, UnicodeDecodeError) as exc:  # the file's own errors, by name
                raised = type(exc).__name__
            except ValueError as exc:
                found = _LINE.search(str(exc))
                raised, line = "ValueError", int(found.group(1)) if found else None
                unnamed = "" if found else f"{type(exc).__name__}: {exc}"
            # No gc.collect() (15 ms a case): a file object nothing refers to any more was
            # freed, and warned, the moment its last reference went — the frames of the
            # exception included, gone with the except block. One kept alive (a global, a
            # reference cycle) is still open, and the count of descriptors sees it.
        if unnamed:
            raise Refused(
                "raises ValueError only for a line without =, naming it",
                [
                    f"read_settings() raised {cut(unnamed)}, a message that names no line. If "
                    "this file is valid (see the input below), nothing should be raised; if a "
                    "line has no =, the message must name it as 'line N' (counted from 1).",
                ],
            )
        unclosed = any(issubclass(w.category, ResourceWarning) for w in caught)
        leaked = before is not None and (_open_descriptors() or 0) > before
        return raised, returned, line, not (unclosed or leaked)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_descriptors() -> int | None:
    """How many files this process has open (None where /proc is not there to ask)."""
    try:
        return len(os.listdir(FD_FOLDER))
    except OSError:
        return None
