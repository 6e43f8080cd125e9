"""The progress store: marks, export/import between machines, concurrent writers, aliases."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aieng.errors import InputFileError, UsageError
from aieng.roadmap.loader import parse
from aieng.roadmap.progress import ProgressStore, parse_status
from aieng.roadmap.summary import next_topic, summarize, topic_status

MINI = (Path(__file__).parents[1] / "data" / "roadmap_mini.toml").read_text()


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.db")


def test_marks_are_stored_and_the_last_one_wins(store: ProgressStore) -> None:
    assert store.entries() == {}
    store.mark(["data.a"], "learning")
    store.mark(["data.a", "data.c"], "done")
    entries = store.entries()
    assert {k: e.status for k, e in entries.items()} == {"data.a": "done", "data.c": "done"}
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unknown_status_names_the_allowed_ones() -> None:
    assert parse_status(" Done ") == "done"
    with pytest.raises(UsageError, match=r"unknown status 'finished'") as err:
        parse_status("finished")
    assert err.value.hint == "use one of: pending, learning, done, skipped."


def test_summary_counts_skipped_out_and_aliases_in(store: ProgressStore) -> None:
    rm = parse(MINI)
    store.mark(["data.b"], "done")  # recorded under the topic's old id, before a rename
    store.mark(["data.c"], "skipped")
    entries = store.entries()
    b = next(t for t in rm.topics if t.id == "data.b-new")
    assert topic_status(b, entries) == "done"
    s = summarize(rm, entries)
    assert (s.overall.total, s.overall.done, s.overall.skipped) == (3, 1, 1)
    assert s.overall.percent == pytest.approx(50.0)  # 1 done of the 2 not skipped
    assert s.months["m02"].percent == 100.0  # nothing left to do there
    assert s.phases["p1"].done == 1


def test_next_prefers_the_topic_under_way_then_teaching_order(store: ProgressStore) -> None:
    rm = parse(MINI)
    assert next_topic(rm, store.entries()).id == "data.a"  # type: ignore[union-attr]
    store.mark(["data.c"], "learning")
    assert next_topic(rm, store.entries()).id == "data.c"  # type: ignore[union-attr]
    store.mark(["data.a", "data.b-new", "data.c"], "done")
    assert next_topic(rm, store.entries()) is None


def test_export_then_import_on_another_machine_keeps_the_newer_mark(tmp_path: Path) -> None:
    laptop, desktop = ProgressStore(tmp_path / "a.db"), ProgressStore(tmp_path / "b.db")
    desktop.mark(["data.a"], "learning")  # older
    laptop.mark(["data.a", "data.b-new"], "done")  # newer
    desktop.mark(["data.c"], "done")  # newest, only on the desktop
    laptop.mark(["gone.topic"], "done")  # an id a later curriculum dropped
    exported = tmp_path / "progress.json"
    assert laptop.export(exported) == 3
    doc = json.loads(exported.read_text())
    assert doc["format"] == "aieng-progress" and doc["version"] == 1

    summary = desktop.import_file(exported, known_ids={"data.a", "data.b-new", "data.c"})
    assert (summary.added, summary.updated, summary.kept) == (2, 1, 0)
    assert summary.unknown == ("gone.topic",)
    statuses = {k: e.status for k, e in desktop.entries().items()}
    assert statuses == {
        "data.a": "done",
        "data.b-new": "done",
        "data.c": "done",
        "gone.topic": "done",
    }
    # Importing the same file again changes nothing: every mark is already as new.
    again = desktop.import_file(exported, known_ids=set())
    assert (again.added, again.updated, again.kept) == (0, 0, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"is not JSON \(line 1"),
        ('{"format": "other"}', r"is not an aieng progress export"),
        (
            '{"format": "aieng-progress", "version": 9}',
            r"has export version 9; this aieng reads version 1",
        ),
        ("[1, 2]", r"is not an aieng progress export"),  # JSON, but not an object
        ('"aieng-progress"', r"is not an aieng progress export"),
        (
            '{"format": "aieng-progress", "version": 1, "items": [{"id": "a", "status": "won"}]}',
            r"item 0 \('a'\) has an unknown status 'won'",
        ),
        (
            '{"format": "aieng-progress", "version": 1, "items": '
            '[{"id": "a", "status": "done", "updated_at": "2026-01-01T00:00:00"}]}',
            # no time zone: cannot be ordered against other marks
            r"item 0 \('a'\) has updated_at '2026-01-01T00:00:00' without a time zone",
        ),
    ],
)
def test_bad_import_files_are_refused_and_nothing_changes(
    store: ProgressStore, tmp_path: Path, content: str, message: str
) -> None:
    store.mark(["data.a"], "done")
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(InputFileError, match=message):
        store.import_file(bad, known_ids=set())
    assert {k: e.status for k, e in store.entries().items()} == {"data.a": "done"}


GOOD = {"id": "data.b", "status": "done", "updated_at": "2026-01-01T00:00:00+00:00"}


def _export_of(items: object) -> str:
    return json.dumps({"format": "aieng-progress", "version": 1, "items": items})


def _in(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


@pytest.mark.parametrize(
    ("items", "message"),
    [
        # A mark from the future would win every later merge, for ever.
        (
            [GOOD, {"id": "data.c", "status": "done", "updated_at": "2999-01-01T00:00:00+00:00"}],
            r"item 1 \('data\.c'\) is dated 2999-01-01T00:00:00\+00:00, in the future",
        ),
        (
            [{"id": "data.c", "status": "done", "updated_at": "2999-01-01T09:00:00+09:00"}],
            r"item 0 \('data\.c'\) is dated 2999-01-01T09:00:00\+09:00, in the future",
        ),
        (
            [GOOD, {"id": "data.c", "status": "done", "updated_at": _in(timedelta(days=2))}],
            r"item 1 \('data\.c'\) is dated .*, in the future",
        ),
        (
            [{"id": "data.c", "status": "done", "updated_at": "yesterday"}],
            r"item 0 \('data\.c'\) has updated_at 'yesterday', not an ISO 8601 date and time",
        ),
        (
            [{"id": "data.c", "status": "done", "updated_at": 20260101}],
            r"item 0 \('data\.c'\) has updated_at 20260101, not an ISO 8601 date and time",
        ),
        (
            [{"id": "data.c", "status": "done", "updated_at": "0001-01-01T00:00:00+01:00"}],
            r"item 0 \('data\.c'\) has updated_at '0001-01-01T00:00:00\+01:00', outside the years",
        ),
        ([GOOD, {"id": "data.c", "status": "done"}], r"item 1 \('data\.c'\) has no updated_at"),
        (
            [{"id": "data.c", "updated_at": GOOD["updated_at"]}],
            r"item 0 \('data\.c'\) has no status",
        ),
        ([{"status": "done", "updated_at": GOOD["updated_at"]}], r"item 0 has no id"),
        ([{**GOOD, "id": 7}], r"item 0 has the id 7; an id is a non-empty text"),
        ([{**GOOD, "id": " "}], r"item 0 has the id ' '; an id is a non-empty text"),
        ([{**GOOD, "status": "Done!"}], r"item 0 \('data\.b'\) has an unknown status 'Done!'"),
        ([GOOD, "data.c"], r"item 1 is 'data\.c', not an object with id, status and updated_at"),
        ([GOOD, GOOD], r"item 1 repeats the id 'data\.b' of item 0"),
        ({"data.b": "done"}, r"'items' is an object, not a list of marks"),
        (None, r"'items' is null, not a list of marks"),
        (3, r"'items' is a number, not a list of marks"),
    ],
)
def test_an_import_with_one_bad_mark_imports_nothing(
    store: ProgressStore, tmp_path: Path, items: object, message: str
) -> None:
    store.mark(["data.a"], "done")
    bad = tmp_path / "bad.json"
    bad.write_text(_export_of(items))
    with pytest.raises(InputFileError, match=message) as err:
        store.import_file(bad, known_ids={"data.a", "data.b", "data.c"})
    assert str(bad) in err.value.message and err.value.hint
    assert {k: e.status for k, e in store.entries().items()} == {"data.a": "done"}


def test_a_mark_a_little_ahead_is_clock_skew_and_is_imported(
    store: ProgressStore, tmp_path: Path
) -> None:
    # Two machines' clocks disagree by seconds, or by hours when one is set wrong: forgiven.
    ahead = tmp_path / "ahead.json"
    ahead.write_text(_export_of([{**GOOD, "updated_at": _in(timedelta(hours=20))}]))
    assert store.import_file(ahead, known_ids={"data.b"}).added == 1


def test_missing_import_file(store: ProgressStore, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"no such file: '.*nope.json'"):
        store.import_file(tmp_path / "nope.json", known_ids=set())


def _writer(path: str, prefix: str, n: int) -> None:
    store = ProgressStore(Path(path))
    for i in range(n):
        store.mark([f"{prefix}.{i}"], "done")
        store.mark([f"shared.{i % 10}"], "learning" if prefix == "a" else "done")


def test_two_concurrent_writers_lose_nothing(store: ProgressStore) -> None:
    n = 150
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: real separate writers
    procs = [ctx.Process(target=_writer, args=(str(store.path), p, n)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    entries = store.entries()
    assert sum(1 for k in entries if k.startswith("a.")) == n
    assert sum(1 for k in entries if k.startswith("b.")) == n
    assert {k for k in entries if k.startswith("shared.")} == {f"shared.{i}" for i in range(10)}
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
