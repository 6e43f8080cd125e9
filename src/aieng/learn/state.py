"""What learn mode remembers per learner, beside the progress store: hints, solutions, quizzes.

Kept in ``$AIENG_HOME/learn.db`` (SQLite, WAL, one transaction per change) for the reason
``aieng.roadmap.progress`` gives: ``aieng check --watch`` in one terminal and ``aieng hint`` in
another may write at the same time. What moves the roadmap lives in the progress store instead
(``aieng.roadmap.progress``): an exercise passed (at its revision) and each quiz question's
latest answer, exported with the marks. The best score kept here is for ``aieng learn`` to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aieng.errors import InputFileError
from aieng.roadmap.progress import now
from aieng.settings import get_settings
from aieng.store import write_transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS exercise (
    exercise_id  TEXT PRIMARY KEY,
    hints_shown  INTEGER NOT NULL DEFAULT 0,  -- layers revealed so far (0..3)
    revealed_at  TEXT,                        -- when `aieng solution --reveal` was used
    last_failure TEXT,                        -- one line: what the last failing check said
    updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quiz (
    month       TEXT PRIMARY KEY,
    best        INTEGER NOT NULL,             -- best number of right answers
    total       INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class ExerciseState:
    hints_shown: int = 0
    revealed: bool = False
    last_failure: str = ""


class LearnState:
    """Per-learner learn-mode state in one SQLite file; each call opens its own connection."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or get_settings().home / "learn.db"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            with write_transaction(self.path, _SCHEMA) as conn:
                yield conn
        except sqlite3.DatabaseError as exc:
            raise InputFileError(
                f"the learn-mode store {str(self.path)!r} is unreadable ({exc})",
                hint="move the file aside; only hints and quiz scores are kept there.",
            ) from exc

    def get(self, exercise_id: str) -> ExerciseState:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT hints_shown, revealed_at, last_failure FROM exercise WHERE exercise_id = ?",
                (exercise_id,),
            ).fetchone()
        if row is None:
            return ExerciseState()
        return ExerciseState(row[0], row[1] is not None, row[2] or "")

    def _upsert(self, exercise_id: str, column: str, value: object) -> None:
        # ``column`` comes from this module only (never from user input).
        with self._connect() as conn:
            conn.execute(
                f"INSERT INTO exercise (exercise_id, {column}, updated_at) VALUES (?, ?, ?) "
                f"ON CONFLICT(exercise_id) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (exercise_id, value, now()),
            )

    def next_hint(self, exercise_id: str, layers: int) -> int:
        """Reveal one more layer (up to ``layers``), atomically; return how many are shown."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT hints_shown FROM exercise WHERE exercise_id = ?", (exercise_id,)
            ).fetchone()
            shown = min((row[0] if row else 0) + 1, layers)
            conn.execute(
                "INSERT INTO exercise (exercise_id, hints_shown, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(exercise_id) DO UPDATE SET hints_shown = excluded.hints_shown, "
                "updated_at = excluded.updated_at",
                (exercise_id, shown, now()),
            )
        return int(shown)

    def reveal(self, exercise_id: str) -> None:
        self._upsert(exercise_id, "revealed_at", now())

    def set_failure(self, exercise_id: str, text: str) -> None:
        self._upsert(exercise_id, "last_failure", text)

    def record_quiz(self, month: str, right: int, total: int) -> int:
        """Keep the best score of ``month``'s quiz; return the best so far.

        ``aieng learn`` shows it; topics count each question's latest answer instead
        (``aieng.learn.session.record_quiz`` keeps those in the progress store).
        """
        with self._connect() as conn:
            row = conn.execute("SELECT best FROM quiz WHERE month = ?", (month,)).fetchone()
            best = max(right, row[0] if row else 0)
            conn.execute(
                "INSERT OR REPLACE INTO quiz (month, best, total, updated_at) VALUES (?, ?, ?, ?)",
                (month, best, total, now()),
            )
        return int(best)

    def quiz_best(self) -> dict[str, tuple[int, int]]:
        """Best quiz score per month: ``{"m03": (4, 5)}``."""
        if not self.path.exists():
            return {}
        with self._connect() as conn:
            rows = conn.execute("SELECT month, best, total FROM quiz").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}
