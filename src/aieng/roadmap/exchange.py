"""Moving progress between machines: ``aieng progress export`` and ``import``, in JSON.

An export is a snapshot of the store: every mark (``items``) and, since version 2, every result
(``results``: exercises passed, quiz questions answered). Importing merges it: for each id the
newer row wins, so two machines can trade files in either order and nothing newer is lost.

A version-1 file (written before results were kept apart) is still read, the way the store's
own upgrade reads a schema-1 file: an exercise marked ``done`` there was passed, at revision 1
(``aieng.roadmap.migrate.legacy_passes``).

Reading is all or nothing: every row is checked before any is merged, and each problem names
the file, the row and the fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aieng.errors import InputFileError
from aieng.io import atomic_write, check_output
from aieng.roadmap.migrate import legacy_passes
from aieng.roadmap.progress import KINDS, STATUSES, Entry, Kind, ProgressStore, Result, Status, now

EXPORT_FORMAT = "aieng-progress"
EXPORT_VERSION = 2  # 2: results beside the marks
READS = (1, 2)
# How far ahead of this machine's clock an imported row may be dated. Two machines' clocks
# disagree: by seconds with network time, by hours when one is set to local time but believes it
# is UTC (up to 14 h). A day forgives both. A row dated later than that is a broken clock or a
# hand edit, and as the newer row wins every merge, it would never be replaced: it is refused.
CLOCK_SKEW = timedelta(days=1)
HINT = "give a file written by `aieng progress export`."


@dataclass(frozen=True)
class Export:
    version: int
    marks: list[Entry]
    results: list[Result]


@dataclass(frozen=True)
class ImportSummary:
    added: int  # marks this store did not have
    updated: int  # marks whose imported version was newer than ours
    kept: int  # marks where ours was as new or newer
    results: int  # results taken (new, or newer than ours)
    unknown: tuple[str, ...]  # imported ids the current curriculum does not know (kept anyway)


def export(store: ProgressStore, path: Path) -> int:
    """Write every mark and result to a JSON file (atomically); return the number of marks.

    An existing file is replaced: an export is a snapshot, and the newest is the one to keep.
    """
    check_output(path, overwrite=True)  # a folder or an unwritable path: said before reading
    snap = store.read()
    doc = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now(),
        "items": [
            {"id": e.item_id, "status": e.status, "updated_at": e.updated_at}
            for e in sorted(snap.marks.values(), key=lambda e: e.item_id)
        ],
        "results": [
            {
                "kind": r.kind,
                "id": r.item_id,
                "passed": r.passed,
                "revision": r.revision,
                "updated_at": r.updated_at,
            }
            for r in sorted(snap.results.values(), key=lambda r: r.key)
        ],
    }
    atomic_write(path, json.dumps(doc, indent=2) + "\n")
    return len(snap.marks)


def import_file(
    store: ProgressStore, path: Path, *, known_ids: set[str], topic_ids: set[str]
) -> ImportSummary:
    """Merge an export into ``store``: for each id the newer row wins, so nothing newer is lost.

    ``known_ids``: every id this curriculum knows (topics, aliases, exercises), to report the
    others; ``topic_ids``: the topics and aliases, which tell a version-1 file's passes apart.
    """
    incoming = read_export(path)
    results = list(incoming.results)
    if incoming.version == 1:
        rows = [(m.item_id, m.status, m.updated_at) for m in incoming.marks]
        results += [Result("exercise", i, True, 1, t) for i, t in legacy_passes(rows, topic_ids)]
    before = store.entries()
    taken, taken_results = store.merge(incoming.marks, results)
    added = sum(1 for m in taken if m.item_id not in before)
    return ImportSummary(
        added=added,
        updated=len(taken) - added,
        kept=len(incoming.marks) - len(taken),
        results=len(taken_results),
        unknown=tuple(sorted(m.item_id for m in incoming.marks if m.item_id not in known_ids)),
    )


def read_export(path: Path) -> Export:
    """Read and check a progress export; every problem names the file, the row and the fix."""
    path = Path(path)
    try:
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(f"no such file: {str(path)!r}", hint="check the path.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read {str(path)!r}: {exc}", hint=HINT) from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{str(path)!r} is not JSON (line {exc.lineno}: {exc.msg})", hint=HINT
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise InputFileError(f"{str(path)!r} is not an aieng progress export", hint=HINT)
    version = doc.get("version")
    if version not in READS or isinstance(version, bool):  # True == 1 in Python
        raise InputFileError(
            f"{str(path)!r} has export version {version!r}; "
            f"this aieng reads versions {' and '.join(map(str, READS))}",
            hint="export it again with the same aieng version, or upgrade aieng.",
        )
    latest = datetime.now(UTC) + CLOCK_SKEW
    marks = [
        _entry(item, where=where, latest=latest)
        for item, where in _rows(doc, "items", "marks", path)
    ]
    _no_repeats([m.item_id for m in marks], "item", path)
    results = [
        _result(item, where=where, latest=latest)
        for item, where in _rows(doc, "results", "results", path)
    ]
    _no_repeats([f"{r.kind} {r.item_id}" for r in results], "result", path)
    return Export(version, marks, results)


def _rows(doc: dict[str, Any], key: str, what: str, path: Path) -> list[tuple[Any, str]]:
    """``doc[key]`` as (row, where-to-say-it-is) pairs; it must be a list (absent: none)."""
    rows = doc.get(key, [])
    if not isinstance(rows, list):
        raise InputFileError(
            f"{str(path)!r}: {key!r} is {_json_kind(rows)}, not a list of {what}", hint=HINT
        )
    noun = "item" if key == "items" else "result"
    return [(row, f"{str(path)!r}: {noun} {i}") for i, row in enumerate(rows)]


def _no_repeats(ids: list[str], noun: str, path: Path) -> None:
    # Two rows for one id: which one wins would depend on the order, not on the dates.
    first_seen: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in first_seen:
            raise InputFileError(
                f"{str(path)!r}: {noun} {i} repeats the id {item_id!r} of {noun} "
                f"{first_seen[item_id]}",
                hint="keep one row per id; an export never repeats one.",
            )
        first_seen[item_id] = i


def _entry(item: Any, *, where: str, latest: datetime) -> Entry:
    """One mark of an export, checked field by field; ``where`` names it in every error."""
    item_id, where = _id(item, where, fields="id, status and updated_at")
    if "status" not in item:
        raise _malformed(f"{where} has no status")
    status = _status(item["status"], where)
    return Entry(item_id, status, _updated_at(item, where, latest))


def _result(item: Any, *, where: str, latest: datetime) -> Result:
    """One result of an export: kind, id, passed, revision, updated_at."""
    item_id, where = _id(item, where, fields="kind, id, passed, revision and updated_at")
    kind = item.get("kind")
    if kind not in KINDS:
        raise _malformed(f"{where} has the kind {kind!r}; use {' or '.join(KINDS)}")
    passed = item.get("passed")
    if not isinstance(passed, bool):
        raise _malformed(f"{where} has passed = {passed!r}; write true or false")
    revision = item.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise _malformed(f"{where} has revision {revision!r}; a revision is a whole number ≥ 1")
    kinds: dict[str, Kind] = {k: k for k in KINDS}
    return Result(kinds[kind], item_id, passed, revision, _updated_at(item, where, latest))


def _id(item: Any, where: str, *, fields: str) -> tuple[str, str]:
    """The row's id, and ``where`` with the id added (so every later error names it)."""
    if not isinstance(item, dict):
        raise _malformed(f"{where} is {item!r}, not an object with {fields}")
    if "id" not in item:
        raise _malformed(f"{where} has no id")
    item_id = item["id"]
    if not isinstance(item_id, str) or not item_id.strip():
        raise _malformed(f"{where} has the id {item_id!r}; an id is a non-empty text")
    return item_id, f"{where} ({item_id!r})"


def _updated_at(item: dict[str, Any], where: str, latest: datetime) -> str:
    if "updated_at" not in item:
        raise _malformed(f"{where} has no updated_at")
    stamp = _timestamp(item["updated_at"], where)
    if stamp > latest:
        # The newer row wins every merge, so a row from the future would never be replaced.
        raise InputFileError(
            f"{where} is dated {item['updated_at']}, in the future",
            hint="check the clock of the machine that exported it (up to a day ahead is "
            "accepted as clock difference), correct or remove the row, and import again.",
        )
    # One canonical form (UTC, microseconds) so that string order is time order.
    return stamp.astimezone(UTC).isoformat(timespec="microseconds")


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
        hint=f"a mark needs an id, a status ({', '.join(STATUSES)}) and updated_at; a result "
        "a kind, an id, passed, a revision and updated_at; " + HINT,
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
