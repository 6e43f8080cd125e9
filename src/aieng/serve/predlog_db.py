"""The prediction log's database side: tables, opening SQLite or PostgreSQL safely, rows, reads.

:mod:`aieng.serve.predlog` (the group-commit writer) is the API; this module knows the dialects.
Tables: ``predictions`` (one row per prediction, ``inputs`` as JSON text) and ``feedback`` (at
most one row per prediction: the ground truth that arrived later, newest wins).
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import orjson
import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from aieng.errors import AiengError
from aieng.extras import require
from aieng.store import TIMEOUT_S, use_wal

if TYPE_CHECKING:
    import pandas as pd

Synchronous = Literal["FULL", "NORMAL"]
SUPPORTED = ("sqlite", "postgresql")
CONNECT_TIMEOUT_S = 10  # PostgreSQL: fail start() instead of hanging on an unreachable host
HINT_URL = "use sqlite:///PATH/predictions.db or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB"

_metadata = sa.MetaData()
PREDICTIONS = sa.Table(
    "predictions",
    _metadata,
    sa.Column("id", sa.String, primary_key=True),  # UUIDv7 hex, made by the service
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("model_name", sa.String, nullable=False),
    sa.Column("model_version", sa.String, nullable=False),
    sa.Column("request_id", sa.String, nullable=False),
    sa.Column("inputs", sa.Text, nullable=False),  # the validated record, JSON text
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("decision", sa.Boolean, nullable=False),
    sa.Column("latency_ms", sa.Float, nullable=False),
)
FEEDBACK = sa.Table(
    "feedback",
    _metadata,
    sa.Column("prediction_id", sa.String, sa.ForeignKey(PREDICTIONS.c.id), primary_key=True),
    sa.Column("outcome", sa.Boolean, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
)
# One row: the time of the last probe (PredictionLog.check), which writes here to prove the log
# still takes a commit (a full disk or a read-only file refuses it as it would a prediction).
HEARTBEAT = sa.Table(
    "heartbeat", _metadata, sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False)
)
FRAME_COLUMNS = [*PREDICTIONS.c.keys(), "outcome", "feedback_at"]


class LogError(AiengError):
    """The prediction log cannot be opened, or did not commit what it was given."""


def mask(url: str | URL) -> str:
    """The URL as text with its password replaced by ``***`` (safe for messages and logs)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparsable URL>"  # it may still contain a password: never echo it


def reason(exc: BaseException) -> str:
    """The driver's own one-line message (SQLAlchemy's repeats the SQL and the parameters)."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


# -- opening ---------------------------------------------------------------------------------


def open_engine(raw_url: str, synchronous: Synchronous) -> Engine:
    """An engine on ``raw_url`` with the tables created; :class:`LogError` if that fails."""
    shown = mask(raw_url)
    try:
        url = make_url(raw_url)
    except sa.exc.ArgumentError:
        raise LogError(f"cannot parse the prediction log URL {shown}", hint=HINT_URL) from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED:
        raise LogError(f"unsupported database {backend!r} in {shown}", hint=HINT_URL)
    try:
        engine = _sqlite(url, synchronous) if backend == "sqlite" else _postgresql(url)
        _create_tables(engine)
    except (sa.exc.SQLAlchemyError, ImportError, OSError) as exc:
        why = reason(exc)
        if url.password:  # drivers don't echo passwords, but be certain
            why = why.replace(str(url.password), "***")
        raise LogError(
            f"cannot open the prediction log {shown}: {why}",
            hint=f"check the server, the credentials and the folder; {HINT_URL}.",
        ) from None
    return engine


def _sqlite(url: URL, synchronous: Synchronous) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise LogError(
            f"the prediction log {mask(url)} is in memory: it would vanish with the process",
            hint=HINT_URL,
        )
    Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)

    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # the driver must not BEGIN for us: we BEGIN IMMEDIATE
        # FULL: the WAL is fsync'ed at every COMMIT, so an acknowledged row survives a power
        # cut or kernel crash too. NORMAL fsyncs only at checkpoints: it survives SIGKILL and
        # any application crash (the WAL is in the OS page cache) and never corrupts the file,
        # but the last commits may roll back after a power loss. A "200" must mean durable.
        dbapi_conn.execute(f"PRAGMA synchronous={synchronous}")
        # Another process (a second worker) may hold the write lock: wait, don't fail at once.
        dbapi_conn.execute(f"PRAGMA busy_timeout={int(TIMEOUT_S * 1000)}")

    sa.event.listen(engine, "connect", on_connect)
    with engine.connect() as conn:  # WAL is a property of the file: switch it once
        use_wal(cast(sqlite3.Connection, conn.connection.dbapi_connection))
    return engine


def _postgresql(url: URL) -> Engine:
    require("postgres", by=f"the prediction log {mask(url)}")  # psycopg: not in the serve extra
    if url.drivername == "postgresql":  # SQLAlchemy's default driver (psycopg2) isn't ours
        url = url.set(drivername="postgresql+psycopg")
    args = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_S}
    return sa.create_engine(url, connect_args=args)


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for PostgreSQL."""
    if engine.dialect.name != "sqlite":
        return None
    return Path(str(engine.url.database))


def file_identity(path: Path) -> tuple[int, int] | None:
    """``(device, inode)`` of ``path``: the same file, even renamed; None if it is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def touch_heartbeat(conn: sa.Connection, now: datetime) -> None:
    """Replace the heartbeat row (a probe's write)."""
    conn.execute(HEARTBEAT.delete())
    conn.execute(HEARTBEAT.insert().values(checked_at=now))


def begin_write(conn: sa.Connection) -> None:
    """Start a write transaction (call first thing inside ``engine.begin()``)."""
    if conn.dialect.name == "sqlite":
        # Take the write lock now: a read-then-write transaction that must upgrade its lock
        # gets SQLITE_BUSY at once, without the busy timeout, if another process (a second
        # uvicorn worker) wrote in between.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _create_tables(engine: Engine) -> None:
    """Create the tables if missing, safe when two workers start at the same moment."""
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                begin_write(conn)  # SQLite: check-then-create, atomically
                _metadata.create_all(conn)
            return
        except (sa.exc.ProgrammingError, sa.exc.IntegrityError):
            if attempt == 2:  # PostgreSQL: the other worker created them between check and create
                raise


# -- writing ---------------------------------------------------------------------------------


# Rows per INSERT statement on SQLite: 100 rows of 9 values stay under the 999 parameters
# that even old SQLite builds accept, and already make the per-statement cost negligible.
ROWS_PER_INSERT = 100


def insert_rows(conn: sa.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (from :func:`to_rows`) into ``predictions``.

    SQLite gets multi-row INSERTs (``VALUES (…), (…), …``), not one statement per row: besides
    the statement overhead, Python's sqlite3 releases the GIL around every statement and must
    take it back from the event loop each time. PostgreSQL (psycopg) gets ``executemany``,
    which psycopg already sends as one pipeline.
    """
    paramstyle = conn.dialect.paramstyle
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql(insert_sql(paramstyle), rows)
        return
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        values = tuple(chain.from_iterable(chunk))
        conn.exec_driver_sql(insert_sql(paramstyle, len(chunk)), values)


@functools.cache  # at most ROWS_PER_INSERT sizes per driver: the last chunk's size varies
def insert_sql(paramstyle: str, n_rows: int = 1) -> str:
    """``INSERT INTO predictions (…) VALUES (?, …)[, (?, …)…]`` in the driver's placeholders."""
    mark = "?" if paramstyle == "qmark" else "%s"
    columns = PREDICTIONS.c.keys()  # the order to_rows() returns its values in
    row = "(" + ", ".join([mark] * len(columns)) + ")"
    return f"INSERT INTO predictions ({', '.join(columns)}) VALUES {', '.join([row] * n_rows)}"


def to_rows(
    ids: Iterable[str],
    created_at: Iterable[datetime],
    model_name: Iterable[str],
    model_version: Iterable[str],
    request_id: Iterable[str],
    inputs: Iterable[Mapping[str, Any]],
    probability: Iterable[float],
    decision: Iterable[bool],
    latency_ms: Iterable[float],
    *,
    text_time: bool,
    finite: bool = False,
) -> list[tuple[Any, ...]]:
    """``predictions`` rows for :func:`insert_rows`, zipped from one iterable per column.

    Rows skip SQLAlchemy's per-row type processing (it cost more than the insert itself). With
    ``text_time`` (SQLite) the time is written as SQLAlchemy writes a DateTime: naive UTC text,
    which sorts. Raises TypeError / ValueError if the inputs are not JSON (``finite``: see
    :func:`to_json`).
    """
    return list(
        zip(
            ids,
            map(stored_time, created_at, repeat(text_time)),
            model_name,
            model_version,
            request_id,
            map(to_json, inputs, repeat(finite)),
            map(float, probability),
            map(bool, decision),
            map(float, latency_ms),
            strict=True,
        )
    )


@functools.lru_cache(maxsize=256)  # the rows of one request share their time: format it once
def stored_time(at: datetime, text: bool) -> datetime | str:
    """``at`` in UTC, as the database stores it (``text``: naive ISO text, for SQLite)."""
    utc = at if at.tzinfo is UTC else at.astimezone(UTC)
    return utc.replace(tzinfo=None).isoformat(" ", "microseconds") if text else utc


def to_json(value: Mapping[str, Any], finite: bool = False) -> str:
    """``value`` as compact JSON text (orjson: numpy scalars and dates as plain JSON values).

    Raises ValueError for NaN or an infinity, which JSON cannot spell (orjson writes null, and
    a measurement would silently become a gap), TypeError for what is not JSON at all.
    ``finite``: the caller knows there is none, skip looking (it costs more than the encoding).
    """
    if not finite and not _finite(value):
        raise ValueError(f"NaN or infinity in {value!r}: not valid JSON")
    plain = value if type(value) is dict else dict(value)  # orjson takes dicts, not Mappings
    return orjson.dumps(plain, option=orjson.OPT_SERIALIZE_NUMPY).decode()


def _finite(value: Any) -> bool:
    """False if ``value`` holds a NaN or an infinity, at any depth."""
    if isinstance(value, float | np.floating):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return all(map(_finite, value.values()))
    if isinstance(value, list | tuple):
        return all(map(_finite, value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        return bool(np.isfinite(value).all())
    return True


def store_feedback(conn: sa.Connection, notes: list[dict[str, Any]]) -> set[str]:
    """Upsert ``notes`` whose prediction exists (the later of two for one id wins); their ids."""
    ids = {note["prediction_id"] for note in notes}
    query = sa.select(PREDICTIONS.c.id).where(PREDICTIONS.c.id.in_(ids))
    known = set(conn.scalars(query))
    latest = {n["prediction_id"]: n for n in notes if n["prediction_id"] in known}
    if latest:
        conn.execute(_upsert(conn.dialect.name), list(latest.values()))
    return known


def _upsert(dialect: str) -> sa.Insert:
    """INSERT … ON CONFLICT (prediction_id) DO UPDATE: the newest feedback replaces the old."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = insert(FEEDBACK)
    return stmt.on_conflict_do_update(
        index_elements=[FEEDBACK.c.prediction_id],
        set_={"outcome": stmt.excluded.outcome, "received_at": stmt.excluded.received_at},
    )


# -- reading ---------------------------------------------------------------------------------


def count(conn: sa.Connection) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(PREDICTIONS)) or 0)


def read_frame(conn: sa.Connection, limit: int | None) -> pd.DataFrame:
    """Predictions left-joined with their feedback, newest first (see ``PredictionLog.frame``)."""
    import pandas as pd

    joined = PREDICTIONS.outerjoin(FEEDBACK, FEEDBACK.c.prediction_id == PREDICTIONS.c.id)
    stmt = (
        sa.select(*PREDICTIONS.c, FEEDBACK.c.outcome, FEEDBACK.c.received_at)
        .select_from(joined)
        .order_by(PREDICTIONS.c.created_at.desc(), PREDICTIONS.c.id.desc())
        .limit(limit)
    )
    df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=FRAME_COLUMNS)
    df["inputs"] = pd.Series([orjson.loads(t) for t in df["inputs"]], index=df.index, dtype=object)
    for col in ("created_at", "feedback_at"):  # SQLite gives naive UTC, PostgreSQL aware
        df[col] = pd.to_datetime(df[col], utc=True).astype("datetime64[us, UTC]")
    df["decision"] = df["decision"].astype(bool)
    df["outcome"] = df["outcome"].astype("boolean")
    text = dict.fromkeys(("id", "model_name", "model_version", "request_id"), "str")
    return df.astype({**text, "probability": float, "latency_ms": float})  # also when empty
