"""The progress store: marks, export/import between machines, concurrent writers, aliases."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aieng.errors import InputFileError, UsageError
from aieng.roadmap.evidence import Teaching
from aieng.roadmap.exchange import ImportSummary, export, import_file
from aieng.roadmap.loader import parse
from aieng.roadmap.model import Roadmap
from aieng.roadmap.progress import ProgressStore, parse_status
from aieng.roadmap.summary import Assessed, assess, next_topic, summarize

MINI = (Path(__file__).parents[1] / "data" / "roadmap_mini.toml").read_text()


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.db")


def _by_hand(rm: Roadmap, store: ProgressStore) -> Assessed:
    """Every topic's progress when nothing teaches it: the marks alone decide."""
    return assess(rm, store.read(), Teaching())


def _import(store: ProgressStore, path: Path, known: set[str]) -> ImportSummary:
    return import_file(store, path, known_ids=known, topic_ids=known)


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
    assessed = _by_hand(rm, store)
    assert assessed["data.b-new"].status == "done"
    assert assessed["data.b-new"].mark.item_id == "data.b"  # type: ignore[union-attr]
    s = summarize(rm, assessed)
    assert (s.overall.total, s.overall.done, s.overall.skipped) == (3, 1, 1)
    assert s.overall.percent == pytest.approx(50.0)  # 1 done of the 2 not skipped
    assert s.months["m02"].percent == 100.0  # nothing left to do there
    assert s.phases["p1"].done == 1


def test_next_prefers_the_topic_under_way_then_teaching_order(store: ProgressStore) -> None:
    rm = parse(MINI)
    assert next_topic(rm, _by_hand(rm, store)).id == "data.a"  # type: ignore[union-attr]
    store.mark(["data.c"], "learning")
    assert next_topic(rm, _by_hand(rm, store)).id == "data.c"  # type: ignore[union-attr]
    store.mark(["data.a", "data.b-new", "data.c"], "done")
    assert next_topic(rm, _by_hand(rm, store)) is None


def test_export_then_import_on_another_machine_keeps_the_newer_mark(tmp_path: Path) -> None:
    laptop, desktop = ProgressStore(tmp_path / "a.db"), ProgressStore(tmp_path / "b.db")
    desktop.mark(["data.a"], "learning")  # older
    laptop.mark(["data.a", "data.b-new"], "done")  # newer
    desktop.mark(["data.c"], "done")  # newest, only on the desktop
    laptop.mark(["gone.topic"], "done")  # an id a later curriculum dropped
    exported = tmp_path / "progress.json"
    assert export(laptop, exported) == 3
    doc = json.loads(exported.read_text())
    assert doc["format"] == "aieng-progress" and doc["version"] == 2

    summary = import_file(
        desktop, exported, known_ids={"data.a", "data.b-new", "data.c"}, topic_ids=set()
    )
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
    again = import_file(desktop, exported, known_ids=set(), topic_ids=set())
    assert (again.added, again.updated, again.kept) == (0, 0, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"is not JSON \(line 1"),
        ('{"format": "other"}', r"is not an aieng progress export"),
        (
            '{"format": "aieng-progress", "version": 9}',
            r"has export version 9; this aieng reads versions 1 and 2",
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
        _import(store, bad, set())
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
        _import(store, bad, {"data.a", "data.b", "data.c"})
    assert str(bad) in err.value.message and err.value.hint
    assert {k: e.status for k, e in store.entries().items()} == {"data.a": "done"}


def test_a_mark_a_little_ahead_is_clock_skew_and_is_imported(
    store: ProgressStore, tmp_path: Path
) -> None:
    # Two machines' clocks disagree by seconds, or by hours when one is set wrong: forgiven.
    ahead = tmp_path / "ahead.json"
    ahead.write_text(_export_of([{**GOOD, "updated_at": _in(timedelta(hours=20))}]))
    assert import_file(store, ahead, known_ids={"data.b"}, topic_ids={"data.b"}).added == 1


def test_missing_import_file(store: ProgressStore, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"no such file: '.*nope.json'"):
        _import(store, tmp_path / "nope.json", set())


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


# ── results and the schema upgrade ─────────────────────────────────────────────────────────────

SCHEMA_1 = """
CREATE TABLE progress (
    item_id    TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'learning', 'done', 'skipped')),
    updated_at TEXT NOT NULL
);
"""
SCHEMA_1_MARKS = [
    ("m01.git", "done", "2026-01-02T09:00:00.000000+00:00"),  # a topic, marked by hand
    ("m03.loss", "done", "2026-01-03T09:00:00.000000+00:00"),  # an exercise: passed
    ("m03.pca", "learning", "2026-01-04T09:00:00.000000+00:00"),  # an exercise: started
]


def _schema_1_store(path: Path) -> ProgressStore:
    """A store as the first aieng wrote it: marks only, user_version never set."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executescript(SCHEMA_1)
        conn.executemany("INSERT INTO progress VALUES (?, ?, ?)", SCHEMA_1_MARKS)
    return ProgressStore(path)


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_pass_is_the_exercise_done_and_its_result_in_one_write(store: ProgressStore) -> None:
    store.record_pass("m03.loss", 2)
    store.record_answers([("m03:aaaaaaaaaaaa", True), ("m03:bbbbbbbbbbbb", False)])
    snap = store.read()
    assert snap.marks["m03.loss"].status == "done"
    passed = snap.results[("exercise", "m03.loss")]
    assert (passed.passed, passed.revision) == (True, 2)
    assert passed.updated_at == snap.marks["m03.loss"].updated_at  # one stamp, one transaction
    assert snap.results[("question", "m03:bbbbbbbbbbbb")].passed is False
    store.record_answers([("m03:bbbbbbbbbbbb", True)])  # the latest answer replaces it
    assert store.read().results[("question", "m03:bbbbbbbbbbbb")].passed is True
    assert _version(store.path) == 2


def test_a_schema_1_store_is_upgraded_once_after_a_backup_and_keeps_every_mark(
    tmp_path: Path,
) -> None:
    store = _schema_1_store(tmp_path / "progress.db")
    snap = store.read()  # the first read upgrades
    assert {(e.item_id, e.status, e.updated_at) for e in snap.marks.values()} == set(SCHEMA_1_MARKS)
    # Schema 1 kept a pass as the exercise marked done: it is a pass of revision 1, dated then.
    assert list(snap.results) == [("exercise", "m03.loss")]
    assert snap.results[("exercise", "m03.loss")].updated_at == SCHEMA_1_MARKS[1][2]
    assert snap.results[("exercise", "m03.loss")].revision == 1
    assert _version(store.path) == 2
    (backup,) = tmp_path.glob("progress.db.schema1-*.bak")
    assert _version(backup) == 0 and _tables(backup) == {"progress"}  # the file as it was
    with closing(sqlite3.connect(backup)) as conn:
        assert sorted(conn.execute("SELECT * FROM progress").fetchall()) == SCHEMA_1_MARKS
    store.mark(["m01.linux"], "done")
    store.read()
    assert len(list(tmp_path.glob("progress.db.schema1-*"))) == 1  # upgraded once


def test_an_upgrade_that_fails_halfway_leaves_the_old_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aieng.roadmap import migrate

    store = _schema_1_store(tmp_path / "progress.db")

    def crash(*args: object) -> list[tuple[str, str]]:
        raise OSError("No space left on device")  # after the result table was created

    monkeypatch.setattr(migrate, "legacy_passes", crash)
    with pytest.raises(OSError, match="No space left"):
        store.read()
    assert _version(store.path) == 0 and _tables(store.path) == {"progress"}
    assert not list(tmp_path.glob("*.partial"))
    monkeypatch.undo()
    assert store.read().results.keys() == {("exercise", "m03.loss")}  # the next run upgrades


def test_a_store_from_a_newer_aieng_is_refused_untouched(store: ProgressStore) -> None:
    store.mark(["data.a"], "done")
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("PRAGMA user_version = 9")
    with pytest.raises(InputFileError, match=r"written by a newer aieng \(schema 9") as err:
        store.mark(["data.c"], "done")
    assert "upgrade aieng" in err.value.hint
    with pytest.raises(InputFileError, match="newer aieng"):
        store.read()
    with closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("SELECT item_id FROM progress").fetchall() == [("data.a",)]


def _open(path: str) -> None:
    ProgressStore(Path(path)).read()


def test_two_processes_opening_an_old_store_upgrade_it_once(tmp_path: Path) -> None:
    store = _schema_1_store(tmp_path / "progress.db")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open, args=(str(store.path),)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert len(list(tmp_path.glob("progress.db.schema1-*.bak"))) == 1
    assert list(store.read().results) == [("exercise", "m03.loss")]


def test_an_export_carries_the_results_and_a_version_1_export_its_passes(
    tmp_path: Path,
) -> None:
    laptop, desktop = ProgressStore(tmp_path / "a.db"), ProgressStore(tmp_path / "b.db")
    laptop.record_pass("m03.loss", 2)
    laptop.record_answers([("m03:aaaaaaaaaaaa", True)])
    exported = tmp_path / "p.json"
    export(laptop, exported)
    doc = json.loads(exported.read_text())
    assert doc["results"][0] == {
        "kind": "exercise",
        "id": "m03.loss",
        "passed": True,
        "revision": 2,
        "updated_at": laptop.read().marks["m03.loss"].updated_at,
    }
    summary = import_file(desktop, exported, known_ids={"m03.loss"}, topic_ids=set())
    assert (summary.added, summary.results) == (1, 2)
    assert desktop.read() == laptop.read()  # the same progress on both machines

    old = tmp_path / "v1.json"
    items = [{"id": i, "status": s, "updated_at": t} for i, s, t in SCHEMA_1_MARKS]
    old.write_text(json.dumps({"format": "aieng-progress", "version": 1, "items": items}))
    fresh = ProgressStore(tmp_path / "c.db")
    summary = import_file(fresh, old, known_ids=set(), topic_ids={"m01.git"})
    assert summary.results == 1  # m03.loss was done: passed, like the store's own upgrade
    assert fresh.read().results[("exercise", "m03.loss")].revision == 1


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ({"kind": "lesson"}, r"result 0 \('m03\.loss'\) has the kind 'lesson'; use exercise or"),
        ({"passed": "yes"}, r"result 0 \('m03\.loss'\) has passed = 'yes'; write true or false"),
        ({"revision": 0}, r"has revision 0; a revision is a whole number ≥ 1"),
        ({"revision": True}, r"has revision True; a revision is a whole number ≥ 1"),
        ({"updated_at": "2999-01-01T00:00:00+00:00"}, r"result 0 \('m03\.loss'\) is dated 2999"),
    ],
)
def test_a_bad_result_in_an_export_imports_nothing(
    store: ProgressStore, tmp_path: Path, result: dict[str, object], message: str
) -> None:
    good = {
        "kind": "exercise",
        "id": "m03.loss",
        "passed": True,
        "revision": 1,
        "updated_at": "2026-01-01T00:00:00+00:00",
    }
    doc = {
        "format": "aieng-progress",
        "version": 2,
        "items": [GOOD],
        "results": [{**good, **result}],
    }
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(InputFileError, match=message):
        _import(store, bad, set())
    assert store.read().marks == {} and store.read().results == {}
