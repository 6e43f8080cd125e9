"""The learner's progress: one status per topic or exercise, in SQLite under ``$AIENG_HOME``.

Why SQLite and not a JSON file: two ``aieng`` processes may write at once (``aieng check --watch``
in one terminal, ``aieng progress mark`` in another). SQLite in WAL mode lets readers go on
while one writer commits, and every change is a transaction, so the file is never half-written
and no update is lost. A JSON file rewritten by two processes would drop one of the writes.

Statuses are stored under the id they were given and never deleted, so progress survives edits
to the curriculum: a renamed topic lists its old id in ``aliases``, and an id that is no longer in
the curriculum is kept (and exported) rather than thrown away.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from aieng.errors import InputFileError, UsageError
from aieng.io import atomic_write, check_output
from aieng.store import write_transaction

Status = Literal["pending", "learning", "done", "skipped"]
STATUSES: tuple[Status, ...] = get_args(Status)
EXPORT_FORMAT = "aieng-progress"
EXPORT_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS progress (
    item_id    TEXT PRIMARY KEY,          -- topic or exercise id, exactly as marked
    status     TEXT NOT NULL CHECK (status IN ('pending', 'learning', 'done', 'skipped')),
    updated_at TEXT NOT NULL              -- UTC, ISO 8601; the newer mark wins on import
);
"""


@dataclass(frozen=True)
class Entry:
    item_id: str
    status: Status
    updated_at: str  # UTC ISO 8601 with microseconds, so string order is time order


@dataclass(frozen=True)
class ImportSummary:
    added: int  # ids this store did not have
    updated: int  # ids whose imported mark was newer than ours
    kept: int  # ids where our mark was as new or newer
    unknown: tuple[str, ...]  # imported ids the current curriculum does not know (kept anyway)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def parse_status(value: str) -> Status:
    """Turn user input into a :data:`Status`, or say which values are allowed."""
    value = value.strip().lower()
    for status in STATUSES:
        if value == status:
            return status
    raise UsageError(f"unknown status {value!r}", hint=f"use one of: {', '.join(STATUSES)}.")


class ProgressStore:
    """Progress kept in one SQLite file. Each method opens, uses and closes its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (see :mod:`aieng.store`)."""
        with write_transaction(self.path, _SCHEMA) as conn:
            yield conn

    def entries(self) -> dict[str, Entry]:
        """Every stored mark, by id (an empty dict before the first mark)."""
        if not self.path.exists():
            return {}
        with closing(sqlite3.connect(self.path, timeout=30)) as conn:
            try:
                rows = conn.execute("SELECT item_id, status, updated_at FROM progress").fetchall()
            except sqlite3.DatabaseError as exc:
                raise InputFileError(
                    f"the progress store {str(self.path)!r} is unreadable ({exc})",
                    hint="move the file aside and import your last `aieng progress export`.",
                ) from exc
        return {r[0]: Entry(r[0], r[1], r[2]) for r in rows}

    def mark(self, item_ids: Iterable[str], status: Status) -> int:
        """Set ``status`` for each id in one transaction; return how many ids were written."""
        stamp = now()
        rows = [(item_id, status, stamp) for item_id in item_ids]
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO progress (item_id, status, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(item_id) DO UPDATE SET status = excluded.status, "
                "updated_at = excluded.updated_at",
                rows,
            )
        return len(rows)

    def export(self, path: Path) -> int:
        """Write every mark to a JSON file (atomically); return the number of marks.

        An existing file is replaced: an export is a snapshot, and the newest is the one to keep.
        """
        check_output(path, overwrite=True)  # a folder or an unwritable path: said before reading
        items = [
            {"id": e.item_id, "status": e.status, "updated_at": e.updated_at}
            for e in sorted(self.entries().values(), key=lambda e: e.item_id)
        ]
        doc = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": now(),
            "items": items,
        }
        atomic_write(path, json.dumps(doc, indent=2) + "\n")
        return len(items)

    def import_file(self, path: Path, *, known_ids: set[str]) -> ImportSummary:
        """Merge marks from an export: for each id the newer mark wins, so nothing newer is lost."""
        incoming = read_export(path)
        with self._transaction() as conn:
            ours = {
                r[0]: r[1]
                for r in conn.execute("SELECT item_id, updated_at FROM progress").fetchall()
            }
            fresh = [e for e in incoming if e.item_id not in ours or e.updated_at > ours[e.item_id]]
            conn.executemany(
                "INSERT OR REPLACE INTO progress (item_id, status, updated_at) VALUES (?, ?, ?)",
                [(e.item_id, e.status, e.updated_at) for e in fresh],
            )
        added = sum(1 for e in fresh if e.item_id not in ours)
        return ImportSummary(
            added=added,
            updated=len(fresh) - added,
            kept=len(incoming) - len(fresh),
            unknown=tuple(sorted(e.item_id for e in incoming if e.item_id not in known_ids)),
        )


def read_export(path: Path) -> list[Entry]:
    """Read and check a progress export; every problem names the file and the fix."""
    path = Path(path)
    hint = "give a file written by `aieng progress export`."
    try:
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(f"no such file: {str(path)!r}", hint="check the path.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read {str(path)!r}: {exc}", hint=hint) from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{str(path)!r} is not JSON (line {exc.lineno}: {exc.msg})", hint=hint
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise InputFileError(f"{str(path)!r} is not an aieng progress export", hint=hint)
    if doc.get("version") != EXPORT_VERSION:
        raise InputFileError(
            f"{str(path)!r} has export version {doc.get('version')!r}; "
            f"this aieng reads version {EXPORT_VERSION}",
            hint="export it again with the same aieng version, or upgrade aieng.",
        )
    entries = []
    for i, item in enumerate(doc.get("items", [])):
        try:
            status = item["status"]
            if status not in STATUSES or not isinstance(item["id"], str):
                raise ValueError(status)
            stamp = datetime.fromisoformat(item["updated_at"])
            if stamp.tzinfo is None:
                raise ValueError("updated_at has no time zone")
            # One canonical form (UTC, microseconds) so that string order is time order.
            updated_at = stamp.astimezone(UTC).isoformat(timespec="microseconds")
            entries.append(Entry(item["id"], status, updated_at))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputFileError(
                f"{str(path)!r}: item {i} is malformed ({item!r})",
                hint=f"each item needs an id, a status ({', '.join(STATUSES)}) and updated_at.",
            ) from exc
    return entries
