"""Exact output kinds: text, JSON data, booleans and file trees, compared exactly.

Numbers are compared within a tolerance (``grader.compare``); these are not. A word in a 422, a
status code, the list of a table's offending cells or the files a write leaves behind are right
or wrong, so each comparison checks the type first (a ``str`` for text, ``True``/``False`` for a
bool, …) and then says *where* the first difference is, as a reviewer would: the character, the
path into the JSON value, the file. Each function returns ``(check, lines)`` or None when equal;
``grader.compare`` turns that into a ``Mismatch`` (this module imports nothing from it).

The kinds, and what a value of each is:

* ``text`` — a ``str``; a difference is shown as the first differing character, with a little of
  the text around it (a line-by-line diff when the texts have several lines). Invisible
  characters are shown as ``repr`` shows them: ``'\\r\\n'`` is not ``'\\n'``.
* ``json`` — anything JSON can hold: dict (str keys), list, str, int, float, bool, None. Tuples
  count as lists and NumPy scalars and arrays as their Python values (JSON has neither), ints
  equal floats of the same value (JSON has one number type), but a bool is never a number:
  ``True`` is not ``1``. Up to three differences are listed, each at its path (``cells[2][1]``).
* ``bool`` — ``True`` or ``False`` (NumPy's ``np.True_`` too); ``1`` is not a bool.
* ``tree`` — files: a mapping of relative paths (``"reports/report.txt"``) to their bytes, or to
  a ``str`` digest for a file too big to carry. Missing, unexpected (a temporary file left
  behind) and different files are each listed.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

Problem = tuple[str, tuple[str, ...]]  # (the check's title, the lines that explain it)

MAX_SHOWN = 200  # characters of a value shown in a message before it is cut
MAX_DIFFS = 3  # differences listed for a JSON value or a file tree
SHORT = 24  # characters of a text short enough to need no "first differ at" line (JSON: 48)


def compare_exact(kind: str, name: str, got: Any, want: Any) -> Problem | None:
    """Compare one output of an exact kind with the reference's; None when they are equal."""
    if kind == "text":
        return _text(name, got, want)
    if kind == "json":
        return _json(name, got, want)
    if kind == "bool":
        return _bool(name, got, want)
    if kind == "tree":
        return _tree(name, got, want)
    raise ValueError(f"unknown exact output kind {kind!r}")


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """``text``, or its first ``limit`` characters and how long it really is."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _a(value: Any) -> str:
    """What a value is, for "got …" messages: its type and a short rendering."""
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} ({cut(repr(value), 60)})"


def _matches(name: str) -> str:
    return f"{name} matches the reference"


# ── text ──────────────────────────────────────────────────────────────────────────────────────


def _text(name: str, got: Any, want: str) -> Problem | None:
    if not isinstance(got, str):
        return f"{name} is text", (f"{name} should be text (a str), got {_a(got)}.",)
    if got == want:
        return None
    lines = [f"expected {name} = {cut(repr(want))}", f"got      {name} = {cut(repr(got))}"]
    if "\n" in want.rstrip("\n") or "\n" in got.rstrip("\n"):
        diff = difflib.unified_diff(
            want.splitlines(keepends=True), got.splitlines(keepends=True), lineterm="", n=1
        )
        shown = [f"  {line[0]} {line[1:]!r}" for line in list(diff)[2:] if line[:2] != "@@"]
        lines += ["line by line (- expected, + got):", *shown[:12]]
    elif max(len(want), len(got)) > SHORT:  # in a word or two the difference is plain to see
        at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), None)
        at = min(len(want), len(got)) if at is None else at
        lines.append(
            f"they first differ at character {at}: expected {want[at : at + 12]!r}, "
            f"got {got[at : at + 12]!r}"
            + (f" (after {want[max(0, at - 20) : at]!r})" if at else "")
        )
    return _matches(name), tuple(lines)


# ── JSON ──────────────────────────────────────────────────────────────────────────────────────


class _NotJson(Exception):
    def __init__(self, path: str, value: Any) -> None:
        super().__init__(path)
        self.path, self.value = path, value


def plain(value: Any, path: str = "") -> Any:
    """``value`` as plain JSON data (tuples → lists, NumPy → Python), or raise :class:`_NotJson`."""
    if isinstance(value, np.ndarray):
        return plain(value.tolist(), path)
    if isinstance(value, np.generic):
        return plain(value.item(), path)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [plain(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotJson(f"{path} (the key {key!r})", key)
            out[key] = plain(item, f"{path}[{key!r}]")
        return out
    raise _NotJson(path, value)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: a bool is never a number; NaN equals NaN (the same value)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _differences(got: Any, want: Any, path: str, found: list[str]) -> None:
    """Where ``got`` and ``want`` differ, deepest first, at most ``MAX_DIFFS`` places."""
    if len(found) >= MAX_DIFFS or _same(got, want):
        return
    if isinstance(got, list) and isinstance(want, list):
        if len(got) == len(want) and sorted(map(repr, got)) == sorted(map(repr, want)):
            found.append(f"{path} holds the right items, in another order")
            return
        if len(got) == len(want):
            for i, (g, w) in enumerate(zip(got, want, strict=True)):
                _differences(g, w, f"{path}[{i}]", found)
            return
        # Items inserted or left out: align the two lists, so one missing item is reported as
        # one missing item, not as every later item shifted by one.
        keys = [repr(v) for v in want], [repr(v) for v in got]
        matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
        found.append(f"{path} has {_items(len(got))}, expected {len(want)}")
        for op, w0, w1, g0, g1 in matcher.get_opcodes():
            if op in ("delete", "replace"):
                found.append(f"  missing from {path}: {cut(repr(want[w0:w1])[1:-1], 120)}")
            if op in ("insert", "replace"):
                found.append(f"  not expected in {path}: {cut(repr(got[g0:g1])[1:-1], 120)}")
        del found[MAX_DIFFS + 1 :]
        return
    if isinstance(got, dict) and isinstance(want, dict):
        missing = [k for k in want if k not in got]
        extra = [k for k in got if k not in want]
        if missing:
            found.append(f"{path} has no key {', '.join(map(repr, missing))}")
        if extra and len(found) < MAX_DIFFS:
            found.append(f"{path} has the unexpected key {', '.join(map(repr, extra))}")
        for key in want:
            if key in got:
                _differences(got[key], want[key], f"{path}[{key!r}]", found)
        return
    found.append(f"at {path}: expected {cut(repr(want), 120)}, got {cut(repr(got), 120)}")


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _json(name: str, got: Any, want: Any) -> Problem | None:
    try:
        value = plain(got, name)
    except _NotJson as exc:
        return f"{name} is JSON data", (
            f"{name} should hold only dicts (with str keys), lists, str, int, float, bool and "
            f"None; at {exc.path} it holds {_a(exc.value)}.",
        )
    expected = plain(want, name)
    if _same(value, expected):
        return None
    lines = [f"expected {name} = {cut(repr(expected))}", f"got      {name} = {cut(repr(value))}"]
    if max(len(repr(expected)), len(repr(value))) > SHORT * 2:  # short ones are read at a glance
        found: list[str] = []
        _differences(value, expected, name, found)
        lines += ["differences:", *(f"  {line}" for line in found)]
    return _matches(name), tuple(lines)


# ── bool ──────────────────────────────────────────────────────────────────────────────────────


def _bool(name: str, got: Any, want: Any) -> Problem | None:
    if not isinstance(got, bool | np.bool_):
        return f"{name} is True or False", (
            f"{name} should be True or False (a bool), got {_a(got)}.",
        )
    if bool(got) == bool(want):
        return None
    return _matches(name), (f"expected {name} = {bool(want)}", f"got      {name} = {bool(got)}")


# ── file trees ────────────────────────────────────────────────────────────────────────────────


def show_file(content: bytes | str) -> str:
    """A file's content for a message: its first bytes and its size, or its digest."""
    if isinstance(content, str):
        return content
    if not content:
        return "empty (0 bytes)"
    size = f"{len(content):,} byte{'s' if len(content) != 1 else ''}"
    return f"{content[:40]!r}{'…' if len(content) > 40 else ''} ({size})"


def _tree(name: str, got: Any, want: Mapping[str, bytes | str]) -> Problem | None:
    if not isinstance(got, Mapping) or not all(
        isinstance(k, str) and isinstance(v, bytes | str) for k, v in got.items()
    ):
        return f"{name} is a file tree", (
            f"{name} should map file paths (str) to their bytes, got {_a(got)}.",
        )
    if dict(got) == dict(want):
        return None
    found = []
    for path in sorted(set(want) | set(got)):
        if path not in got:
            found.append(f"{path}: missing (expected {show_file(want[path])})")
        elif path not in want:
            found.append(f"{path}: not expected — a file left behind: {show_file(got[path])}")
        elif got[path] != want[path]:
            found.append(f"{path}: expected {show_file(want[path])}, got {show_file(got[path])}")
    lines = ["these files differ from the reference's:"]
    lines += [f"  {line}" for line in found[:MAX_DIFFS]]
    if len(found) > MAX_DIFFS:
        lines.append(f"  … and {len(found) - MAX_DIFFS} more")
    return _matches(name), tuple(lines)
