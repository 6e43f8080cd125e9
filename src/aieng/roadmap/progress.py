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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, get_args

from aieng.errors import InputFileError, UsageError
from aieng.io import atomic_write, check_output
from aieng.store import write_transaction

Status = Literal["pending", "learning", "done", "skipped"]
STATUSES: tuple[Status, ...] = get_args(Status)
EXPORT_FORMAT = "aieng-progress"
EXPORT_VERSION = 1
# How far ahead of this machine's clock an imported mark may be dated. Two machines' clocks
# disagree: by seconds with network time, by hours when one is set to local time but believes it
# is UTC (up to 14 h). A day forgives both. A mark dated later than that is a broken clock or a
# hand edit, and as the newer mark wins every merge, it would never be replaced: it is refused.
CLOCK_SKEW = timedelta(days=1)

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
    """Read and check a progress export; every problem names the file, the item and the fix.

    All or nothing: every mark is checked before any is returned, so an import with one bad
    mark imports none.
    """
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
    items = doc.get("items", [])
    if not isinstance(items, list):
        raise InputFileError(
            f"{str(path)!r}: 'items' is {_json_kind(items)}, not a list of marks", hint=hint
        )
    latest = datetime.now(UTC) + CLOCK_SKEW
    entries: list[Entry] = []
    first_seen: dict[str, int] = {}
    for i, item in enumerate(items):
        entry = _entry(item, where=f"{str(path)!r}: item {i}", latest=latest)
        if entry.item_id in first_seen:
            # Two marks for one id: which one wins would depend on the order, not on the dates.
            raise InputFileError(
                f"{str(path)!r}: item {i} repeats the id {entry.item_id!r} of item "
                f"{first_seen[entry.item_id]}",
                hint="keep one mark per id; an export never repeats one.",
            )
        first_seen[entry.item_id] = i
        entries.append(entry)
    return entries


def _entry(item: Any, *, where: str, latest: datetime) -> Entry:
    """One mark of an export, checked field by field; ``where`` names it in every error."""
    if not isinstance(item, dict):
        raise _malformed(f"{where} is {item!r}, not an object with id, status and updated_at")
    if "id" not in item:
        raise _malformed(f"{where} has no id")
    item_id = item["id"]
    if not isinstance(item_id, str) or not item_id.strip():
        raise _malformed(f"{where} has the id {item_id!r}; an id is a non-empty text")
    where = f"{where} ({item_id!r})"
    if "status" not in item:
        raise _malformed(f"{where} has no status")
    status = _status(item["status"], where)
    if "updated_at" not in item:
        raise _malformed(f"{where} has no updated_at")
    stamp = _timestamp(item["updated_at"], where)
    if stamp > latest:
        # The newer mark wins every merge, so a mark from the future would never be replaced.
        raise InputFileError(
            f"{where} is dated {item['updated_at']}, in the future",
            hint="check the clock of the machine that exported it (up to a day ahead is "
            "accepted as clock difference), correct or remove the mark, and import again.",
        )
    # One canonical form (UTC, microseconds) so that string order is time order.
    return Entry(item_id, status, stamp.astimezone(UTC).isoformat(timespec="microseconds"))


def _status(value: Any, where: str) -> Status:
    for status in STATUSES:
        if value == status:
            return status
    raise InputFileError(
        f"{where} has an unknown status {value!r}", hint=f"use one of: {', '.join(STATUSES)}."
    )


def _timestamp(value: Any, where: str) -> datetime:
    """``updated_at`` as an aware datetime; a date without a time zone cannot be ordered."""
    hint = "write it as ISO 8601 with a time zone, e.g. 2026-01-31T09:30:00+00:00."
    try:
        stamp = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputFileError(
            f"{where} has updated_at {value!r}, not an ISO 8601 date and time", hint=hint
        ) from None
    if stamp.tzinfo is None:
        raise InputFileError(f"{where} has updated_at {value!r} without a time zone", hint=hint)
    try:
        stamp.astimezone(UTC)  # year 1 at +01:00 is still year 0 in UTC, which does not exist
    except OverflowError:
        raise InputFileError(
            f"{where} has updated_at {value!r}, outside the years 1 to 9999 in UTC", hint=hint
        ) from None
    return stamp


def _malformed(message: str) -> InputFileError:
    return InputFileError(
        message,
        hint=f"each mark needs an id, a status ({', '.join(STATUSES)}) and updated_at; "
        "give a file written by `aieng progress export`.",
    )


def _json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words (a Python type name would puzzle a user)."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: True is an int in Python
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    return "a list" if isinstance(value, list) else "an object"
