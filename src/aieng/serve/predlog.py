"""The prediction log: every prediction and every piece of feedback, committed before "200 OK".

Month 11 monitors the model from this log, so a prediction the service answered must be in it,
even when the process is killed with SIGKILL a microsecond later. One commit per request would
make every request wait for its own ``fsync``; instead **group commit**:

* ``await log.write(rows)`` puts the rows in a queue and waits — the event loop keeps serving;
* one writer thread takes *everything queued* (up to ``max_batch`` rows, lingering at most
  ``max_wait_ms`` for more) and commits it in ONE transaction — one ``fsync`` for many requests;
* only after that COMMIT returns are the waiting ``write`` calls resumed. A failed transaction
  rejects them with :class:`LogError` (the service answers 5xx, never a 200 it cannot keep).

A ``write`` call is atomic: its rows commit together or not at all. If a batch fails, each call
in it is retried alone, so one bad call (say a duplicate id) fails only itself. A ``LogError``
means "not acknowledged"; as with any database, a commit whose answer was lost may still be there.

SQLite (the default, one file under ``$AIENG_HOME/serve``) and PostgreSQL
(``postgresql+psycopg://user:password@host/db``) both go through SQLAlchemy Core; the tables and
the dialects' details are in :mod:`aieng.serve.predlog_db`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa

from aieng.serve import predlog_db as db
from aieng.serve.prediction import Prediction, Predictions, new_ids, rows_of
from aieng.serve.predlog_db import LogError, Synchronous, mask
from aieng.settings import get_settings

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Connection, Engine

__all__ = ["LogError", "Prediction", "PredictionLog", "Predictions", "default_url", "new_ids"]

_log = logging.getLogger(__name__)
HINT_NEW = "call start() first; a closed log cannot be restarted: make a new PredictionLog."
HINT_BROKEN = (
    "restart the service: it opens a new file (what was written since the old one was "
    "removed is lost with it)."
)


def default_url() -> str:
    """``sqlite:///$AIENG_HOME/serve/predictions.db`` (the folder is made by ``start()``)."""
    return f"sqlite:///{get_settings().home / 'serve' / 'predictions.db'}"


class _Job:
    """One ``write`` or ``feedback`` call, waiting in the queue for the writer thread."""

    __slots__ = ("feedback", "future", "loop", "params", "probe", "rows", "size")

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        *,
        rows: Sequence[Prediction] | Predictions = (),
        feedback: dict[str, Any] | None = None,
        probe: bool = False,
    ) -> None:
        self.loop, self.rows, self.feedback, self.probe = loop, rows, feedback, probe
        self.future: asyncio.Future[bool] = loop.create_future()
        self.size = len(rows) or 1  # rows it adds to a batch
        self.params: list[tuple[Any, ...]] = []  # the rows as table rows (made by the writer)

    def settle(self, result: bool | BaseException) -> None:
        """Wake the waiting coroutine (from the writer thread)."""

        def done() -> None:
            if self.future.done():  # the caller was cancelled; the rows are committed anyway
                return
            if isinstance(result, BaseException):
                self.future.set_exception(result)
            else:
                self.future.set_result(result)

        with contextlib.suppress(RuntimeError):  # a closed event loop: nobody waits any more
            self.loop.call_soon_threadsafe(done)


_STOP = object()  # put in the queue by close(): commit what is before it, then stop


class PredictionLog:
    """A durable, group-committed log of predictions and feedback (SQLite or PostgreSQL).

    ``start()`` opens the database and starts the writer thread; ``close()`` commits what is
    queued and stops it. ``write``/``feedback`` are coroutines that return after COMMIT.
    ``sqlite_synchronous="NORMAL"`` exists for the benchmark (see ``predlog_db._sqlite``).
    """

    def __init__(
        self,
        url: str,
        *,
        max_batch: int = 1024,
        max_wait_ms: float = 1.0,
        sqlite_synchronous: Synchronous = "FULL",
    ) -> None:
        if max_batch < 1 or max_wait_ms < 0 or sqlite_synchronous not in ("FULL", "NORMAL"):
            raise LogError(
                f"invalid prediction log settings: max_batch={max_batch!r}, "
                f"max_wait_ms={max_wait_ms!r}, sqlite_synchronous={sqlite_synchronous!r}",
                hint='max_batch ≥ 1, max_wait_ms ≥ 0, sqlite_synchronous "FULL" or "NORMAL".',
            )
        self.url = url
        self.max_batch = max_batch  # rows per transaction (a larger single write is not split)
        self.max_wait_ms = max_wait_ms  # how long a batch waits for more work once it has some
        self.sqlite_synchronous = sqlite_synchronous
        self.commits = 0  # transactions committed by the writer thread
        self._queue: queue.SimpleQueue[_Job | object] = queue.SimpleQueue()
        self._lock = threading.Lock()  # orders enqueue against close(): nothing after _STOP
        self._engine: Engine | None = None
        self._text_time = False  # SQLite: times are written as text
        self._thread: threading.Thread | None = None
        self._closed = False
        self._failure = ""  # why the writer thread stopped on its own, if it did
        self._file: Path | None = None  # SQLite: the database file, and which file it was
        self._identity: tuple[int, int] | None = None
        self._broken = ""  # why the log must never be written again (its file was deleted)
        self._problem = ""  # why the last transaction failed; "" once one succeeds again
        self._last_ok = 0.0  # time.monotonic() of the last commit

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Create the tables if missing and start the writer thread (once)."""
        with self._lock:
            if self._closed:
                raise LogError(f"the prediction log {mask(self.url)} is closed", hint=HINT_NEW)
            if self._thread is not None:
                return
            self._engine = db.open_engine(self.url, self.sqlite_synchronous)
            self._text_time = self._engine.dialect.name == "sqlite"
            self._file = db.sqlite_file(self._engine)
            if self._file is not None:
                self._identity = db.file_identity(self._file)
            self._thread = threading.Thread(target=self._run, name="predlog-writer", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Commit everything queued, stop the writer thread (idempotent; blocks until done)."""
        with self._lock:
            if not self._closed and self._thread is not None:
                self._queue.put(_STOP)
            self._closed, thread = True, self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        if self._engine is not None:
            self._engine.dispose()  # reading still works: the engine reconnects on demand

    # -- writing (coroutines: the caller's event loop waits, it does not block) ---------------

    async def write(self, rows: Sequence[Prediction] | Predictions) -> None:
        """Log ``rows``; return once they are committed, raise :class:`LogError` if not."""
        if len(rows):
            await self._submit(rows=rows if isinstance(rows, Predictions) else tuple(rows))

    async def feedback(
        self, prediction_id: str, outcome: bool, *, received_at: datetime | None = None
    ) -> bool:
        """Store the true outcome of a prediction; False if no prediction has that id.

        A second feedback for the same prediction replaces the first (the latest word wins:
        a corrected label is more common than two different truths).
        """
        when = (received_at or datetime.now(UTC)).astimezone(UTC)
        row = {"prediction_id": prediction_id, "outcome": bool(outcome), "received_at": when}
        return await self._submit(feedback=row)

    async def check(self, *, max_age_s: float = 10.0) -> str:
        """ "" if the log can take a commit now, else why not (what ``GET /ready`` reports).

        A commit that succeeded less than ``max_age_s`` ago is proof enough. Otherwise a probe
        (one row in the ``heartbeat`` table, committed like any write) finds out: so a log that
        failed says so until it works again, and says it has recovered without a customer's
        request having to risk it.
        """
        if self._broken or self._failure:
            return self._broken or self._failure
        if not self._problem and time.monotonic() - self._last_ok < max_age_s:
            return ""
        try:
            await self._submit(probe=True)
        except LogError as exc:
            return exc.message
        return ""

    async def _submit(self, **kwargs: Any) -> bool:
        job = _Job(asyncio.get_running_loop(), **kwargs)
        with self._lock:
            if self._thread is None or self._closed:
                state = "closed" if self._closed else "not started"
                why = f" ({self._failure})" if self._failure else ""
                raise LogError(
                    f"the prediction log {mask(self.url)} is {state}{why}", hint=HINT_NEW
                )
            if self._broken:
                raise LogError(self._broken, hint=HINT_BROKEN)
            self._queue.put(job)
        return await job.future

    # -- the writer thread --------------------------------------------------------------------

    def _run(self) -> None:
        batch: list[_Job] = []
        try:
            stopping = False
            while not stopping:
                first = self._queue.get()
                if first is _STOP:
                    return
                batch, stopping = self._gather(cast(_Job, first))
                self._commit(batch)
        except BaseException as exc:  # a bug here must not leave callers waiting forever
            _log.exception("the prediction log's writer thread failed")
            with self._lock:
                self._closed, self._failure = True, f"writer thread failed: {exc!r}"
            for job in batch:  # those already settled ignore this
                job.settle(LogError(f"the prediction log {mask(self.url)} {self._failure}"))
            self._reject_queued()

    def _gather(self, first: _Job) -> tuple[list[_Job], bool]:
        """``first`` plus whatever else is queued now or within ``max_wait_ms``; and "stop?"."""
        batch, size = [first], first.size
        deadline = time.monotonic() + self.max_wait_ms / 1000
        while size < self.max_batch:
            try:
                job = self._queue.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                break
            if job is _STOP:
                return batch, True
            batch.append(cast(_Job, job))
            size += cast(_Job, job).size
        return batch, False

    def _commit(self, batch: list[_Job]) -> None:
        ready = []
        for job in batch:
            try:
                rows = job.rows
                if isinstance(rows, Predictions):
                    job.params = rows.table_rows(self._text_time)
                else:
                    job.params = rows_of(rows, self._text_time)
            except (TypeError, ValueError) as exc:  # inputs that are not JSON: this call only
                job.settle(self._error(exc, job.size))
            else:
                ready.append(job)
        if ready:
            self._commit_ready(ready)

    def _commit_ready(self, ready: list[_Job]) -> None:
        try:
            results = self._transaction(ready)
        except Exception as exc:
            # A row the database refuses (duplicate id, a check) fails only the call it came in:
            # retry each call alone. Anything else (locked, full, unreachable) fails them all
            # at once, rather than once per call after a timeout each.
            if len(ready) > 1 and isinstance(exc, sa.exc.IntegrityError | sa.exc.DataError):
                for job in ready:
                    self._commit_ready([job])
            else:
                self._problem = db.reason(exc)
                for job in ready:
                    job.settle(self._error(exc, job.size))
            return
        for job, result in zip(ready, results, strict=True):
            job.settle(result)

    def _transaction(self, ready: list[_Job]) -> list[bool]:
        """Insert the predictions, then upsert the feedback, in ONE transaction."""
        assert self._engine is not None  # start() set it before the thread existed
        rows = [row for job in ready for row in job.params]
        notes = [job.feedback for job in ready if job.feedback is not None]
        known: set[str] = set()
        with self._engine.begin() as conn:
            db.begin_write(conn)
            self._check_file()  # with the write lock held: nobody else writes meanwhile
            if rows:
                db.insert_rows(conn, rows)
            if notes:  # after the rows: a prediction and its feedback may share a batch
                known = db.store_feedback(conn, notes)
            if any(job.probe for job in ready):
                db.touch_heartbeat(conn, datetime.now(UTC))
        self.commits += 1
        self._problem, self._last_ok = "", time.monotonic()
        return [job.feedback is None or job.feedback["prediction_id"] in known for job in ready]

    def _check_file(self) -> None:
        """Refuse to commit when the SQLite file is no longer the one this log opened.

        SQLite keeps writing into a file that was deleted or replaced while it was open (the
        open descriptor still points at the old one), so every commit after that would be an
        acknowledged prediction nobody can read: the log refuses, for good, and says so once.
        """
        if self._file is None or db.file_identity(self._file) == self._identity:
            return
        if not self._broken:
            self._broken = (
                f"the prediction log's file {self._file} was deleted, moved or replaced while "
                "the service ran; nothing more is written to it"
            )
            _log.error(self._broken)
        raise LogError(self._broken, hint=HINT_BROKEN)

    def _error(self, exc: BaseException, n_rows: int) -> LogError:
        return LogError(
            f"the prediction log {mask(self.url)} did not commit {n_rows} row(s): {db.reason(exc)}",
            hint="check that the database is reachable, writable and not full; nothing was "
            "acknowledged, so the caller may retry.",
        )

    def _reject_queued(self) -> None:
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(job, _Job):
                job.settle(LogError(f"the prediction log {mask(self.url)} {self._failure}"))

    # -- reading (for the lesson, month 11's monitoring and the tests) -------------------------

    def count(self) -> int:
        """How many predictions are logged."""
        with self._reader() as conn:
            return db.count(conn)

    def frame(self, *, limit: int | None = None) -> pd.DataFrame:
        """Predictions left-joined with their feedback, newest first; one row per prediction.

        Columns: the :class:`Prediction` fields (``inputs`` as dicts, times as UTC), then
        ``outcome`` (nullable boolean) and ``feedback_at`` (NaT where no feedback came).
        """
        with self._reader() as conn:
            return db.read_frame(conn, limit)

    def _reader(self) -> Connection:
        if self._engine is None:
            raise LogError(f"the prediction log {mask(self.url)} is not started", hint=HINT_NEW)
        return self._engine.connect()
