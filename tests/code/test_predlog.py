"""The prediction log: round trip, feedback, group commit, failures, and SIGKILL durability."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from killtest import AckReader, sigkill_after
from logrows import make, run

from aieng.serve.predlog import LogError, PredictionLog, default_url

CHILD = Path(__file__).with_name("predlog_child.py")


# -- round trip ---------------------------------------------------------------------------------


def test_round_trip_keeps_values_and_types(log: PredictionLog) -> None:
    t0 = datetime(2026, 11, 25, 12, 0, 0, 123456, tzinfo=UTC)
    old = make(created_at=t0, probability=0.25, decision=False)
    # inputs as a validated record may hold numpy scalars, None and nested values
    inputs = {"tenure": np.int64(3), "charges": np.float64(20.5), "phone": None, "tags": ["a"]}
    new = make(created_at=t0 + timedelta(seconds=1), inputs=inputs, model_version="4")
    run(log.write([old, new]))

    assert log.count() == 2
    df = log.frame()
    assert list(df["id"]) == [new.id, old.id]  # newest first
    assert df.loc[0, "inputs"] == {"tenure": 3, "charges": 20.5, "phone": None, "tags": ["a"]}
    assert df.loc[1, "inputs"] == dict(old.inputs)
    assert list(df["created_at"]) == [pd.Timestamp(new.created_at), pd.Timestamp(t0)]
    assert str(df["created_at"].dt.tz) == "UTC"
    assert df.loc[1, ["model_name", "model_version", "request_id"]].tolist() == [
        "churn",
        "3",
        "req-1",
    ]
    assert df["probability"].tolist() == [0.75, 0.25]
    assert df["decision"].tolist() == [True, False]
    assert df["decision"].dtype == bool
    assert df["latency_ms"].tolist() == [3.5, 3.5]
    assert df["outcome"].isna().all() and df["feedback_at"].isna().all()
    assert len(log.frame(limit=1)) == 1


def test_an_empty_log_has_the_same_columns_and_types(log: PredictionLog) -> None:
    empty = log.frame()
    run(log.write([make()]))
    full = log.frame()
    assert empty.empty and log.count() == 1
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()


def test_times_in_another_timezone_are_stored_as_utc(log: PredictionLog) -> None:
    paris = datetime(2026, 7, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    run(log.write([make(created_at=paris)]))
    assert log.frame().loc[0, "created_at"] == pd.Timestamp("2026-07-01 12:00", tz="UTC")


def test_feedback_known_unknown_and_replaced(log: PredictionLog) -> None:
    first, second = make(), make()
    run(log.write([first, second]))
    t1 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    async def scenario() -> list[bool]:
        return [
            await log.feedback(first.id, True, received_at=t1),
            await log.feedback("no-such-id", True),
            await log.feedback(first.id, False, received_at=t1 + timedelta(hours=1)),  # replaces
        ]

    assert run(scenario()) == [True, False, True]
    df = log.frame().set_index("id")
    outcome = df.loc[first.id, "outcome"]
    assert not pd.isna(outcome) and not outcome  # the second word replaced the first
    assert df.loc[first.id, "feedback_at"] == pd.Timestamp("2026-11-26 10:00", tz="UTC")
    assert pd.isna(df.loc[second.id, "outcome"])
    assert log.count() == 2  # feedback adds no prediction


def test_feedback_in_the_same_batch_as_its_prediction(log: PredictionLog) -> None:
    p = make()

    async def together() -> bool:
        write = asyncio.create_task(log.write([p]))
        await asyncio.sleep(0)  # queued first, so committed first in the same transaction
        known = await log.feedback(p.id, True)
        await write
        return known

    assert run(together()) is True
    assert bool(log.frame().loc[0, "outcome"]) is True


# -- group commit -------------------------------------------------------------------------------


def test_group_commit_batches_concurrent_writes(log: PredictionLog) -> None:
    rows = [make() for _ in range(200)]
    before = log.commits

    async def concurrently() -> None:
        await asyncio.gather(*(log.write([row]) for row in rows))

    run(concurrently())
    commits = log.commits - before
    assert 1 <= commits <= 20, f"{commits} commits for 200 concurrent writes"
    assert set(log.frame()["id"]) == {row.id for row in rows}


def test_max_batch_bounds_a_transaction_but_never_splits_a_write(sqlite_url: str) -> None:
    log = PredictionLog(sqlite_url, max_batch=10)
    log.start()

    async def scenario() -> None:
        await asyncio.gather(*(log.write([make()]) for _ in range(100)))

    run(scenario())
    assert log.commits >= 10  # 100 rows, at most 10 per transaction
    before = log.commits
    run(log.write([make() for _ in range(50)]))  # one call: atomic, so one transaction
    assert log.commits == before + 1
    log.close()
    assert log.count() == 150


def test_close_commits_what_is_queued_then_refuses(sqlite_url: str) -> None:
    # A long linger: the writer would wait a minute for more work; close() must not.
    log = PredictionLog(sqlite_url, max_batch=100_000, max_wait_ms=60_000)
    log.start()

    async def scenario() -> None:
        writes = [asyncio.create_task(log.write([make()])) for _ in range(50)]
        await asyncio.sleep(0.05)  # all queued, none committed: the writer is lingering
        assert log.commits == 0
        await asyncio.to_thread(log.close)
        await asyncio.gather(*writes)  # every one of them acknowledged
        with pytest.raises(LogError, match=r"prediction log sqlite:///.* is closed"):
            await log.write([make()])

    run(scenario())
    assert log.commits == 1
    log.close()  # idempotent
    assert log.count() == 50  # reading still works after close
    with pytest.raises(LogError, match="is closed"):
        log.start()


def test_a_cancelled_write_is_still_committed(sqlite_url: str) -> None:
    log = PredictionLog(sqlite_url, max_wait_ms=50)
    log.start()

    async def scenario() -> None:
        task = asyncio.create_task(log.write([make()]))
        await asyncio.sleep(0.01)
        task.cancel()  # the client went away; the row is already queued
        with pytest.raises(asyncio.CancelledError):
            await task

    run(scenario())
    log.close()
    assert log.count() == 1


def test_write_before_start_is_refused(sqlite_url: str) -> None:
    log = PredictionLog(sqlite_url)
    with pytest.raises(LogError, match="is not started") as err:
        run(log.write([make()]))
    assert "start()" in err.value.hint
    with pytest.raises(LogError, match="is not started"):
        log.count()
    run(log.write([]))  # nothing to write: nothing to refuse


# -- failures -----------------------------------------------------------------------------------


def test_a_database_that_refuses_every_row_rejects_every_waiting_write(
    tmp_path: Path, sqlite_url: str
) -> None:
    log = PredictionLog(sqlite_url)
    log.start()
    with sqlite3.connect(tmp_path / "log" / "predictions.db") as db:
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON predictions "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )

    async def scenario() -> list[BaseException | None]:
        return await asyncio.gather(
            *(log.write([make()]) for _ in range(20)), return_exceptions=True
        )

    errors = run(scenario())
    assert all(isinstance(e, LogError) for e in errors), errors
    assert "did not commit 1 row(s): disk says no" in str(errors[0])
    assert log.commits == 0 and log.count() == 0
    with sqlite3.connect(tmp_path / "log" / "predictions.db") as db:
        db.execute("DROP TRIGGER refuse")
    run(log.write([make()]))  # the log recovers once the database does
    assert log.count() == 1
    log.close()


def test_one_bad_write_fails_alone(tmp_path: Path, sqlite_url: str) -> None:
    log = PredictionLog(sqlite_url, max_wait_ms=20)  # all in one first batch
    log.start()
    with sqlite3.connect(tmp_path / "log" / "predictions.db") as db:
        db.execute(
            "CREATE TRIGGER poison BEFORE INSERT ON predictions WHEN NEW.model_name = 'poison' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END"
        )
    duplicate = make()
    run(log.write([duplicate]))

    async def scenario() -> list[BaseException | None]:
        calls = [log.write([make(), make()]) for _ in range(10)]
        calls.insert(3, log.write([make(), make(model_name="poison")]))
        calls.insert(7, log.write([duplicate]))  # a primary key violation
        calls.insert(9, log.write([make(inputs={"x": float("nan")})]))  # not JSON
        calls.insert(11, log.write([make(inputs={"x": object()})]))  # not JSON either
        return await asyncio.gather(*calls, return_exceptions=True)

    results = run(scenario())
    failed = {i: str(r) for i, r in enumerate(results) if r is not None}
    assert set(failed) == {3, 7, 9, 11}, failed
    assert "did not commit 2 row(s): poisoned row" in failed[3]
    assert "UNIQUE constraint failed" in failed[7]
    assert "NaN or infinity" in failed[9]
    assert "object" in failed[11] and "not JSON serializable" in failed[11]
    assert log.count() == 1 + 10 * 2  # the good calls, each whole
    log.close()


def test_a_lock_held_too_long_fails_the_write_instead_of_hanging(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aieng.serve.predlog_db.TIMEOUT_S", 0.2)  # the busy timeout
    log = PredictionLog(sqlite_url)
    log.start()
    other = sqlite3.connect(tmp_path / "log" / "predictions.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(LogError, match=r"did not commit 1 row\(s\): database is locked"):
            run(log.write([make()]))
    finally:
        other.execute("ROLLBACK")
        other.close()
    run(log.write([make()]))
    assert log.count() == 1
    log.close()


def test_a_broken_writer_thread_rejects_instead_of_hanging(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = PredictionLog(sqlite_url)
    log.start()

    def bug(*_: object) -> None:
        raise RuntimeError("a bug in the writer")

    monkeypatch.setattr("aieng.serve.predlog.rows_of", bug)
    with pytest.raises(LogError, match="writer thread failed: RuntimeError"):
        run(log.write([make()]))
    with pytest.raises(LogError, match=r"is closed \(writer thread failed"):
        run(log.write([make()]))
    log.close()


@pytest.mark.parametrize("how", ["deleted", "replaced", "moved"])
def test_a_log_file_deleted_or_replaced_while_open_refuses_writes(
    tmp_path: Path, sqlite_url: str, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLite keeps committing into an unlinked file: every later "200" would be data loss."""
    log = PredictionLog(sqlite_url)
    log.start()
    run(log.write([make()]))
    path = tmp_path / "log" / "predictions.db"
    if how == "deleted":
        path.unlink()
    elif how == "replaced":
        other = tmp_path / "other.db"
        sqlite3.connect(other).close()
        other.replace(path)
    else:
        path.rename(tmp_path / "log" / "rotated.db")
    with pytest.raises(LogError, match="deleted, moved or replaced"):
        run(log.write([make()]))
    assert "deleted, moved or replaced" in run(log.check())
    assert "prediction log" in caplog.text  # said once in the service's log, as an error
    with pytest.raises(LogError, match="deleted, moved or replaced"):  # and it stays refused
        run(log.write([make()]))
    log.close()


def test_check_says_whether_the_log_can_be_written_now(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aieng.serve.predlog_db as db

    log = PredictionLog(sqlite_url)
    log.start()
    assert run(log.check()) == ""  # a fresh log: the probe wrote

    def full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db, "insert_rows", full)
    with pytest.raises(LogError, match="disk is full"):
        run(log.write([make()]))
    monkeypatch.setattr(db, "touch_heartbeat", full)  # still full: the probe fails too
    assert "disk is full" in run(log.check())
    monkeypatch.undo()  # room again
    assert run(log.check()) == ""  # a probe, not a request, finds it out
    run(log.write([make()]))
    assert log.count() == 1
    log.close()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(LogError, match="max_batch=0"):
        PredictionLog("sqlite:///x.db", max_batch=0)
    with pytest.raises(LogError, match="sqlite_synchronous='OFF'"):
        PredictionLog("sqlite:///x.db", sqlite_synchronous="OFF")  # type: ignore[arg-type]


# -- opening ------------------------------------------------------------------------------------


def test_default_url_is_under_aieng_home_and_made_at_start(aieng_home: Path) -> None:
    url = default_url()
    assert url == f"sqlite:///{aieng_home / 'serve' / 'predictions.db'}"
    assert not (aieng_home / "serve").exists()  # nothing on import or on building the URL
    log = PredictionLog(url)
    log.start()
    log.close()
    assert (aieng_home / "serve" / "predictions.db").is_file()


def test_sqlite_runs_in_wal_with_full_sync_and_a_busy_timeout(sqlite_url: str) -> None:
    log = PredictionLog(sqlite_url)
    log.start()
    assert log._engine is not None  # the log's own connections carry the per-connection pragmas
    with log._engine.connect() as conn:
        pragmas = [conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("journal_mode",
                   "synchronous", "busy_timeout")]  # fmt: skip
    log.close()
    assert pragmas == ["wal", 2, 30_000]  # 2 = FULL


@pytest.mark.parametrize(
    ("bad_url", "message"),
    [
        (
            "mysql://app:s3cret@db.example/log",
            r"unsupported database 'mysql' in mysql://app:\*\*\*@",
        ),
        ("this is not a URL", "cannot parse the prediction log URL <unparsable URL>"),
        ("sqlite://", "is in memory: it would vanish with the process"),
        (
            "postgresql+psycopg://app:s3cret@127.0.0.1:1/log",
            r"cannot open the prediction log postgresql\+psycopg://app:\*\*\*@127.0.0.1:1/log: "
            r".*(refused|failed)",
        ),
        ("postgresql+psycopg2://app:s3cret@h/log", r"No module named 'psycopg2'"),
    ],
)
def test_bad_urls_fail_at_start_with_the_password_masked(bad_url: str, message: str) -> None:
    log = PredictionLog(bad_url)
    with pytest.raises(LogError, match=message) as err:
        log.start()
    assert "s3cret" not in str(err.value)
    assert "sqlite:///" in err.value.hint


def test_an_unwritable_folder_fails_at_start(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(
        LogError, match=r"cannot open the prediction log sqlite:///.*Not a directory"
    ):
        PredictionLog(f"sqlite:///{blocker / 'serve' / 'p.db'}").start()


def test_predictions_are_checked_when_made() -> None:
    with pytest.raises(LogError, match=r"created_at 2026-01-01T00:00:00 has no timezone"):
        make(created_at=datetime(2026, 1, 1))
    with pytest.raises(LogError, match=r"probability 1.5 is not in \[0, 1\]"):
        make(probability=1.5)
    with pytest.raises(LogError, match=r"probability nan is not in \[0, 1\]"):
        make(probability=float("nan"))


# -- SIGKILL ------------------------------------------------------------------------------------


def _kill_child(url: str, n_acks: int, stderr: Path, *ack_early: str) -> list[str]:
    with stderr.open("a") as err:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), url, "--tasks", "32", "--rows", "4", *ack_early],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        assert child.stdout is not None
        acked = sigkill_after(child, AckReader(child.stdout), n_acks=n_acks)
    assert acked, stderr.read_text()
    return acked


def _ids_in(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:  # plain sqlite3: recovers the WAL the victim left behind
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {row[0] for row in conn.execute("SELECT id FROM predictions")}


@pytest.mark.slow
def test_sigkill_under_load_loses_no_acknowledged_prediction(tmp_path: Path) -> None:
    db = tmp_path / "predictions.db"
    acked: list[str] = []
    # The same file each round: a restart on the WAL a killed process left must work too.
    for n_acks in (150, 400, 1000):
        acked += _kill_child(f"sqlite:///{db}", n_acks, tmp_path / "child.err")
        stored = _ids_in(db)
        lost = set(acked) - stored
        assert not lost, f"{len(lost)} of {len(acked)} acknowledged predictions lost"
        assert len(stored) >= len(acked)  # in-flight writes may have committed unacknowledged


@pytest.mark.slow
def test_sigkill_check_catches_acknowledging_before_the_commit(tmp_path: Path) -> None:
    # The negative control: with the bug, some acknowledged ids are missing after the kill.
    losses = []
    for attempt in range(5):
        db = tmp_path / f"early-{attempt}.db"
        acked = _kill_child(f"sqlite:///{db}", 400, tmp_path / "child.err", "--ack-early")
        losses.append(len(set(acked) - _ids_in(db)))
        if losses[-1]:
            break
    assert max(losses) > 0, f"no loss detected in {len(losses)} kills: {losses}"
