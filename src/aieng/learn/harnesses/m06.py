"""Harnesses of month 6: a file's hash with its memory watched, a contract check on a real table.

``hash_file`` (m06.content-hash) writes ``piece * repeat`` — bytes, so a case can hold Windows
line endings, bytes that are not UTF-8, or a character cut in two by a chunk boundary — to a file
in a fresh folder, and calls ``file_digest(path)`` while ``tracemalloc`` watches every Python
allocation. It returns the digest and ``memory_flat``: at most ``FLAT_LIMIT`` bytes held at
once, so a 12 MiB file read whole (``read()``, or a "line" of a file without newlines) shows.
A function that stops or resets tracemalloc to hide its memory is refused.

``check_frame`` (m06.contract-check) builds the DataFrame from the case's columns, calls
``offending_cells(frame, rules)`` and returns the cells as JSON data — each ``(row, column)``
pair a list, NumPy integers as ints — and whether the frame is exactly as it was given (values,
columns, dtypes): a check only reads. pandas is imported inside: the learner's file imports it
anyway, and the child stays light for the other exercises.
"""

from __future__ import annotations

import contextlib
import operator
import shutil
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aieng.learn.harnesses import TAMPERED, Refused, patched

# The real functions, kept before any learner's file is imported (the child imports this first).
_MKDTEMP, _START, _STOP = tempfile.mkdtemp, tracemalloc.start, tracemalloc.stop
_SWITCHES = ("start", "stop", "reset_peak", "clear_traces")  # what would hide the memory held

FLAT_LIMIT = 4 << 20  # bytes a hash may hold at once (the reference holds 2 chunks of 1 MiB)


# ── m06.content-hash ──────────────────────────────────────────────────────────────────────────


def hash_file(file_digest: Callable[..., Any], piece: bytes, repeat: int) -> tuple[Any, bool]:
    """``file_digest`` of a file holding ``piece * repeat``, and whether its memory stayed flat."""
    folder = Path(_MKDTEMP(prefix="aieng-hash-"))
    try:
        path = folder / "data.csv"
        path.write_bytes(piece * repeat)
        touched: list[str] = []  # tracemalloc's switches, pressed by the learner's function

        def switch(name: str) -> Callable[..., None]:
            return lambda *args, **kwargs: touched.append(name)

        stand_ins = {(tracemalloc, name): switch(name) for name in _SWITCHES}
        _START()
        try:
            with patched(file_digest, stand_ins, what="file_digest()"):
                digest = file_digest(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            _STOP()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if touched:
        raise Refused(
            TAMPERED,
            [
                f"file_digest() called tracemalloc.{touched[0]}() while it was graded: the "
                "grader traces memory to see whether the file is read in chunks. Leave "
                "tracemalloc alone.",
            ],
        )
    return digest, peak <= FLAT_LIMIT


# ── m06.contract-check ────────────────────────────────────────────────────────────────────────


def check_frame(
    offending_cells: Callable[..., Any],
    columns: dict[str, list[Any]],
    rules: dict[str, dict[str, Any]],
) -> tuple[Any, bool]:
    """The cells ``offending_cells`` finds in the table ``columns``, and frame_unchanged."""
    import pandas as pd

    frame = pd.DataFrame(columns)
    before = frame.copy(deep=True)
    cells = offending_cells(frame, rules)
    unchanged = (
        list(frame.columns) == list(before.columns)
        and frame.dtypes.equals(before.dtypes)
        and frame.equals(before)
    )
    return _as_json(cells), bool(unchanged)


def _as_json(cells: Any) -> Any:
    """A list of ``(row, column)`` pairs as JSON data; anything else as it is (then refused)."""
    if not isinstance(cells, list | tuple):
        return cells

    def pair(cell: Any) -> Any:
        if not isinstance(cell, list | tuple) or len(cell) != 2:
            return cell
        row, column = cell
        with contextlib.suppress(TypeError):  # np.int64(3) → 3; a float or a str stays as it is
            row = operator.index(row)
        return [row, column]

    return [pair(cell) for cell in cells]
