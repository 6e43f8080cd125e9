"""The victim of the SIGKILL test: write predictions forever, print each id once acknowledged.

    python tests/code/predlog_child.py URL [--tasks 32] [--rows 4] [--ack-early]

``--tasks`` coroutines each write ``--rows`` predictions per ``write`` call, in a loop, so many
writes are always in flight. Each id is printed (and flushed) right after its ``await
log.write(...)`` returned. ``--ack-early`` prints the ids BEFORE the write: the bug the test must
catch (its negative control). See tests/code/killtest.py for the pattern.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime

from aieng.serve.predlog import Prediction, PredictionLog, new_ids


def _prediction(task: int) -> Prediction:
    return Prediction(
        id=new_ids(1)[0],  # as the service makes them
        created_at=datetime.now(UTC),
        model_name="churn",
        model_version="1",
        request_id=f"task-{task}",
        inputs={"tenure": 12, "contract": "Month-to-month", "monthly_charges": 70.5},
        probability=0.42,
        decision=False,
        latency_ms=1.0,
    )


def _ack(rows: list[Prediction]) -> None:
    sys.stdout.write("".join(f"{row.id}\n" for row in rows))
    sys.stdout.flush()  # one write(2) of less than PIPE_BUF bytes: the lines arrive whole


async def _main(url: str, tasks: int, rows: int, ack_early: bool) -> None:
    log = PredictionLog(url)
    log.start()

    async def worker(task: int) -> None:
        while True:
            batch = [_prediction(task) for _ in range(rows)]
            if ack_early:
                _ack(batch)
            await log.write(batch)
            if not ack_early:
                _ack(batch)

    await asyncio.gather(*(worker(k) for k in range(tasks)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--tasks", type=int, default=32)
    parser.add_argument("--rows", type=int, default=4)
    parser.add_argument("--ack-early", action="store_true")
    args = parser.parse_args()
    asyncio.run(_main(args.url, args.tasks, args.rows, args.ack_early))
