"""The learner's progress, in SQLite under ``$AIENG_HOME``: marks, and the results that move them.

Two kinds of rows. A **mark** is a status a learner set (``aieng progress mark``) or that learn
mode set for an exercise (``learning`` when started, ``done`` when passed): one per id. A
**result** is what a grader or a quiz recorded: an exercise passed (at which revision of the
exercise), a quiz question answered right or wrong (the latest answer). A topic's status is
derived from both by ``aieng.roadmap.evidence``; the store only keeps them.

Why SQLite and not a JSON file: two ``aieng`` processes may write at once (``aieng check --watch``
in one terminal, ``aieng progress mark`` in another). SQLite in WAL mode lets readers go on
while one writer commits, and every change is a transaction, so the file is never half-written
and no update is lost. A JSON file rewritten by two processes would drop one of the writes.

Rows are stored under the id they were given and never deleted, so progress survives edits to
the curriculum: a renamed topic lists its old id in ``aliases``, and an id that is no longer in
the curriculum is kept (and exported) rather than thrown away. The file's schema is versioned;
an older file is upgraded in place, after a backup (``aieng.roadmap.migrate``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, get_args

from aieng.errors import InputFileError, UsageError
from aieng.roadmap import migrate
from aieng.store import write_transaction

Status = Literal["pending", "learning", "done", "skipped"]
STATUSES: tuple[Status, ...] = get_args(Status)
Kind = Literal["exercise", "question"]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Entry:
    """A mark: the status a learner (or learn mode, for an exercise) gave one id."""

    item_id: str
    status: Status
    updated_at: str  # UTC ISO 8601 with microseconds, so string order is time order


@dataclass(frozen=True)
class Result:
    """What a grader or a quiz recorded for one exercise or one quiz question."""

    kind: Kind
    item_id: str  # an exercise id, or a question's key (see aieng.learn.teaching)
    passed: bool  # an exercise's row is its last pass (True); a question's, its latest answer
    revision: int  # the exercise's revision when it passed; 1 for questions
    updated_at: str

    @property
    def key(self) -> tuple[Kind, str]:
        return (self.kind, self.item_id)


Results = dict[tuple[Kind, str], Result]


@dataclass(frozen=True)
class Snapshot:
    """Everything the store holds, read in one transaction (so marks and results agree)."""

    marks: dict[str, Entry]
    results: Results


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def parse_status(value: str) -> Status:
    """Turn user input into a :data:`Status`, or say which values are allowed."""
    value = value.strip().lower()
    for status in STATUSES:
        if value == status:
            return status
    raise UsageError(f"unknown status {value!r}", hint=f"use one of: {', '.join(STATUSES)}.")


def _topic_ids() -> set[str]:
    from aieng.roadmap.loader import load  # the shipped curriculum, read only by an upgrade

    return set(load().canonical_ids())


_UPSERT_MARK = (
    "INSERT INTO progress (item_id, status, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT(item_id) DO UPDATE SET status = excluded.status, "
    "updated_at = excluded.updated_at"
)
_UPSERT_RESULT = (
    "INSERT INTO result (kind, item_id, passed, revision, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(kind, item_id) DO UPDATE SET passed = excluded.passed, "
    "revision = excluded.revision, updated_at = excluded.updated_at"
)


class ProgressStore:
    """Progress kept in one SQLite file. Each method opens, uses and closes its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (see :mod:`aieng.store`) on a file at the current schema."""
        try:
            with write_transaction(self.path, "") as conn:
                migrate.upgrade(conn, self.path, _topic_ids)
                yield conn
        except sqlite3.DatabaseError as exc:
            raise self._unreadable(exc) from exc

    def _unreadable(self, exc: Exception) -> InputFileError:
        return InputFileError(
            f"the progress store {str(self.path)!r} is unreadable ({exc})",
            hint="move the file aside and import your last `aieng progress export`.",
        )

    def read(self) -> Snapshot:
        """Every mark and every result (empty before the first write; an old file is upgraded)."""
        if not self.path.exists():
            return Snapshot({}, {})
        with closing(sqlite3.connect(self.path, timeout=30)) as conn:
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version == migrate.VERSION:
                    return _snapshot(conn)
            except sqlite3.DatabaseError as exc:
                raise self._unreadable(exc) from exc
        with self._transaction() as conn:  # an older (or newer: refused) file, once
            return _snapshot(conn)

    def entries(self) -> dict[str, Entry]:
        """Every mark, by id (an empty dict before the first mark)."""
        return self.read().marks

    def mark(self, item_ids: Iterable[str], status: Status) -> int:
        """Set ``status`` for each id in one transaction; return how many ids were written."""
        stamp = now()
        rows = [(item_id, status, stamp) for item_id in item_ids]
        with self._transaction() as conn:
            conn.executemany(_UPSERT_MARK, rows)
        return len(rows)

    def record_pass(self, exercise_id: str, revision: int) -> None:
        """A grader passed the exercise: its pass (at ``revision``) and its ``done``, together."""
        stamp = now()
        with self._transaction() as conn:
            conn.execute(_UPSERT_MARK, (exercise_id, "done", stamp))
            conn.execute(_UPSERT_RESULT, ("exercise", exercise_id, 1, revision, stamp))

    def record_answers(self, answers: Iterable[tuple[str, bool]]) -> int:
        """A quiz was marked: ``(question key, right)`` each, the latest answer replacing any."""
        stamp = now()
        rows = [("question", key, int(right), 1, stamp) for key, right in answers]
        with self._transaction() as conn:
            conn.executemany(_UPSERT_RESULT, rows)
        return len(rows)

    def merge(self, marks: list[Entry], results: list[Result]) -> tuple[list[Entry], list[Result]]:
        """Take each mark and result that is newer than ours (or new); return those taken.

        One transaction: an import is all or nothing, and a mark written meanwhile by another
        process is compared, not overwritten blindly.
        """
        with self._transaction() as conn:
            ours = _snapshot(conn)
            new_marks = [
                m
                for m in marks
                if m.item_id not in ours.marks or m.updated_at > ours.marks[m.item_id].updated_at
            ]
            new_results = [
                r
                for r in results
                if r.key not in ours.results or r.updated_at > ours.results[r.key].updated_at
            ]
            conn.executemany(
                "INSERT OR REPLACE INTO progress (item_id, status, updated_at) VALUES (?, ?, ?)",
                [(m.item_id, m.status, m.updated_at) for m in new_marks],
            )
            conn.executemany(
                _UPSERT_RESULT,
                [(r.kind, r.item_id, int(r.passed), r.revision, r.updated_at) for r in new_results],
            )
        return new_marks, new_results


def _snapshot(conn: sqlite3.Connection) -> Snapshot:
    marks = conn.execute("SELECT item_id, status, updated_at FROM progress").fetchall()
    results = conn.execute(
        "SELECT kind, item_id, passed, revision, updated_at FROM result"
    ).fetchall()
    return Snapshot(
        marks={r[0]: Entry(r[0], r[1], r[2]) for r in marks},
        results={(r[0], r[1]): Result(r[0], r[1], bool(r[2]), r[3], r[4]) for r in results},
    )
