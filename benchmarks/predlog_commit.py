"""Throughput and wait of the prediction log under concurrent writers (figures, not a test).

    .venv/bin/python benchmarks/predlog_commit.py [--seconds 3] [--rows 1] [--max-wait-ms 1]
                                                  [--postgres]

For 1, 16 and 64 coroutines that each ``await log.write([one row])`` in a loop, on SQLite with
``synchronous=FULL`` (the default) and ``NORMAL``: rows committed per second, rows per
transaction (group commit at work), and the p50 / p99 time one ``write`` waits. ``--postgres``
adds a throwaway local PostgreSQL server (tests/code/pgcluster.py; needs its binaries).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from aieng.serve.predlog import PredictionLog, Synchronous

# The test helpers: the prediction a test child writes, and a throwaway PostgreSQL server.
TESTS = Path(__file__).resolve().parents[1] / "tests" / "code"
sys.path.insert(0, str(TESTS))
from pgcluster import throwaway_postgres  # noqa: E402
from predlog_child import _prediction  # noqa: E402


async def _load(log: PredictionLog, writers: int, seconds: float, rows: int) -> list[float]:
    waits: list[float] = []
    stop = time.perf_counter() + seconds

    async def writer(k: int) -> None:
        while time.perf_counter() < stop:
            batch = [_prediction(k) for _ in range(rows)]
            t0 = time.perf_counter()
            await log.write(batch)
            waits.append(time.perf_counter() - t0)

    await asyncio.gather(*(writer(k) for k in range(writers)))
    return waits


def measure(url: str, writers: int, args: argparse.Namespace, sync: Synchronous = "FULL") -> str:
    log = PredictionLog(url, sqlite_synchronous=sync, max_wait_ms=args.max_wait_ms)
    log.start()
    asyncio.run(_load(log, writers, 0.3, args.rows))  # warm up: connection, tables, page cache
    rows0, commits0 = log.count(), log.commits
    t0 = time.perf_counter()
    waits = asyncio.run(_load(log, writers, args.seconds, args.rows))
    elapsed = time.perf_counter() - t0
    log.close()
    rows, commits = log.count() - rows0, log.commits - commits0
    p50, p99 = np.percentile(np.array(waits) * 1000, [50, 99])
    return (
        f"{writers:>7} {rows / elapsed:>9,.0f} {rows / max(commits, 1):>9.1f} "
        f"{p50:>8.2f} {p99:>8.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rows", type=int, default=1, help="rows per write call")
    parser.add_argument("--max-wait-ms", type=float, default=1.0, help="the log's linger")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    print(f"{platform.node()} · {platform.processor() or platform.machine()} · Python "
          f"{platform.python_version()} · {args.seconds:g} s per line · {args.rows} row(s) "
          f"per write · max_wait_ms={args.max_wait_ms:g}")  # fmt: skip
    header = f"{'writers':>7} {'rows/s':>9} {'rows/txn':>9} {'p50 ms':>8} {'p99 ms':>8}"
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:  # the disk the project is on
        for sync in ("FULL", "NORMAL"):
            print(f"\nSQLite WAL, synchronous={sync}\n{header}")
            for writers in (1, 16, 64):
                url = f"sqlite:///{tmp}/{sync}-{writers}.db"
                print(measure(url, writers, args, sync), flush=True)
    if args.postgres:
        with throwaway_postgres() as server:
            print(f"\nPostgreSQL (local, fsync on, synchronous_commit on)\n{header}")
            for writers in (1, 16, 64):
                print(measure(server.new_database(), writers, args), flush=True)


if __name__ == "__main__":
    main()
