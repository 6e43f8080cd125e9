"""One safe way to write a small SQLite store that several ``aieng`` processes share.

The progress store and learn mode's state are written by whichever command runs — maybe two at
once (``aieng check --watch`` in one terminal, ``aieng progress mark`` in another). Three rules
keep them intact:

* **WAL journal** — readers never block the writer, and a crash never leaves a half-written page.
  WAL is a property of the file, so it is switched on once; switching needs the file to itself
  and SQLite does not wait for that, so two processes creating the store at the same moment
  retry instead of failing with "database is locked".
* **``BEGIN IMMEDIATE``** — a writer takes the write lock before it reads, so two writers queue
  (up to ``TIMEOUT_S``) instead of both reading, both deciding, and one failing at commit.
* **One connection per transaction** — opened, used, closed: no connection outlives a command.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

TIMEOUT_S = 30.0  # how long a writer waits for another one before giving up


@contextmanager
def write_transaction(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """Open ``path`` (creating it and ``schema``), yield it inside one immediate transaction.

    The transaction commits when the block ends and rolls back if it raises.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so the transaction is explicit.
    with closing(sqlite3.connect(path, timeout=TIMEOUT_S, isolation_level=None)) as conn:
        use_wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; durable at checkpoint
        conn.executescript(schema)  # before BEGIN: executescript commits what is pending
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def use_wal(conn: sqlite3.Connection) -> None:
    """Put ``conn``'s database in WAL mode, retrying: switching does not wait for a lock."""
    deadline = time.monotonic() + TIMEOUT_S
    while str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)  # another process holds the file for a moment: try again
