"""The progress store's schema, by version, and the one-way step from each version to the next.

The version is SQLite's ``PRAGMA user_version`` (0 in a new file). The first aieng never set it,
so 0 with a ``progress`` table is schema 1: marks only, a passed exercise being its id marked
``done``. Schema 2 adds ``result``: what the graders and the quizzes recorded (an exercise passed
at which revision, a quiz question answered right or wrong), which is what moves a topic
(``aieng.roadmap.evidence``).

An upgrade runs inside the caller's write transaction, so two processes opening an old file at
once upgrade it once (the second finds it done), and a crash halfway leaves the old file as it
was (SQLite rolls the transaction back, the version with it). Before the first change, the old
file is copied aside: a learner's marks are the one thing aieng must never lose.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from aieng.errors import InputFileError
from aieng.io import atomic_path

VERSION = 2  # the schema this aieng writes

_MARKS = """
CREATE TABLE progress (
    item_id    TEXT PRIMARY KEY,          -- topic or exercise id, exactly as marked
    status     TEXT NOT NULL CHECK (status IN ('pending', 'learning', 'done', 'skipped')),
    updated_at TEXT NOT NULL              -- UTC, ISO 8601; the newer mark wins on import
)
"""
_RESULTS = """
CREATE TABLE result (
    kind       TEXT NOT NULL CHECK (kind IN ('exercise', 'question')),
    item_id    TEXT NOT NULL,             -- an exercise id, or a question's key (m01:3f2a9c…)
    passed     INTEGER NOT NULL CHECK (passed IN (0, 1)),  -- a question's latest answer
    revision   INTEGER NOT NULL,          -- the exercise's revision that passed (questions: 1)
    updated_at TEXT NOT NULL,             -- UTC, ISO 8601, like a mark's
    PRIMARY KEY (kind, item_id)
)
"""


def legacy_passes(
    marks: Sequence[tuple[str, str, str]], topic_ids: set[str]
) -> list[tuple[str, str]]:
    """Schema 1's passes: ``(id, updated_at)`` of every id marked done that is not a topic.

    Schema 1 kept a pass as the exercise's id marked ``done``, the same row a mark by hand
    writes; the two cannot be told apart, so each counts as a pass of revision 1 (every
    exercise's revision then). An exercise id is never a topic id (the manifest refuses one),
    so "not a topic" is "an exercise", or a topic the curriculum dropped, which no exercise
    will ever match.
    """
    return [(i, stamp) for i, status, stamp in marks if status == "done" and i not in topic_ids]


def upgrade(conn: sqlite3.Connection, path: Path, topic_ids: Callable[[], set[str]]) -> None:
    """Bring the open file to :data:`VERSION`, inside the caller's write transaction."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found == VERSION:
        return
    if found > VERSION:
        raise InputFileError(
            f"the progress store {str(path)!r} was written by a newer aieng "
            f"(schema {found}; this one reads up to {VERSION})",
            hint="upgrade aieng (pip install -U aieng); your progress is untouched.",
        )
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "progress" not in tables:  # a new file: nothing to keep, nothing to carry over
        conn.execute(_MARKS)
        conn.execute(_RESULTS)
    else:  # schema 1
        backup(path, schema=1)
        conn.execute(_RESULTS)
        marks = conn.execute("SELECT item_id, status, updated_at FROM progress").fetchall()
        conn.executemany(
            "INSERT INTO result (kind, item_id, passed, revision, updated_at) "
            "VALUES ('exercise', ?, 1, 1, ?)",
            legacy_passes(marks, topic_ids()),
        )
    conn.execute(f"PRAGMA user_version = {VERSION}")  # in the transaction: all or nothing


def backup(path: Path, *, schema: int) -> Path:
    """Copy the store, as it is before the upgrade, to ``progress.db.schema1-<UTC time>.bak``.

    Called while the upgrading connection holds the write lock, before it changes anything, so
    no other process can commit meanwhile: the copy is the file as it was. It is read through a
    connection of its own (in WAL mode a reader is not blocked by the writer; the writer's own
    connection cannot be the source, SQLite's backup then waits on its own lock for ever).
    SQLite's backup API copies a consistent snapshot, the WAL included, which a file copy would
    miss; it goes to a temporary name first (:func:`aieng.io.atomic_path`), so a backup that
    exists is a whole one.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.schema{schema}-{stamp}.bak")
    with (
        atomic_path(target) as partial,  # renamed into place after both connections close
        closing(sqlite3.connect(path)) as source,
        closing(sqlite3.connect(partial)) as copy,
    ):
        source.backup(copy)
    return target
