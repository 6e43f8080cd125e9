"""Dynamic batching: requests that arrive together share one model call.

A scikit-learn Pipeline costs about the same for 1 row as for 100 (≈ 15 ms here, almost all of
it fixed overhead: input checks, column selection, one-hot encoding). One call per request would
cap a server near 70 requests/s — which is what ``mlflow models serve`` measures. So requests
put their records in a queue, and one worker takes *everything waiting* and predicts it at once.
No artificial wait: while one batch is computed, the next one gathers by itself, so batches grow
with the load and stay at one row when the server is idle.

Where the call runs depends on its cost. A slow call (the Pipeline, or a wait on the model
process) runs in a worker thread, so the event loop keeps accepting requests meanwhile, with
the model's native threads limited to one (two busy threads on two cores would fight). A
compiled model scores a batch in well under a millisecond of pure Python and NumPy: handing
that to a thread only adds two thread switches and a fight for the GIL, so it runs inline.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np


class Stopped(Exception):
    """The batcher is stopping or stopped: the request was not scored (the service answers 503)."""


@dataclass
class _Job:
    records: Sequence[dict[str, Any]]
    model: Any
    done: asyncio.Future[np.ndarray]


class Batcher:
    """Collects records from concurrent requests; predicts them in batches of ≤ ``max_rows``."""

    def __init__(
        self,
        predict: Callable[[Any, list[dict[str, Any]]], np.ndarray],
        *,
        max_rows: int = 1024,
        on_batch: Callable[[int, float], object] | None = None,
        inline: Callable[[Any], bool] = lambda model: False,
    ) -> None:
        self._predict = predict  # (model, records) -> probabilities, shape (len(records),)
        self._inline = inline  # (model) -> True: call predict on the event loop itself
        self.max_rows = max_rows
        self._on_batch = on_batch  # (rows, seconds) after every model call: for the metrics
        self._queue: asyncio.Queue[_Job | None] | None = None  # None: stop after what is before
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aieng-model")
        self.batches = 0  # how many predict calls were made
        self.rows = 0  # how many rows they held

    def start(self) -> None:
        """Start the worker on the running event loop."""
        self._queue = asyncio.Queue()
        self._task = asyncio.get_running_loop().create_task(self._work())
        # Native threads (OpenMP, BLAS) to one, in both threads a model may run in: OpenMP's
        # limit holds per thread.
        _one_thread()
        self._pool.submit(_one_thread).result()

    async def stop(self, timeout: float = 30.0) -> None:
        """Take no new work; answer the call in flight and everything queued, then stop.

        A model call that is still running after ``timeout`` seconds is abandoned: every request
        still waiting gets :class:`Stopped` (a 503 the client may retry elsewhere), so no
        request hangs forever on a server that is going away. Calling it twice is harmless.
        """
        if self._stopping:
            return
        self._stopping = True
        if self._queue is not None and self._task is not None:
            self._queue.put_nowait(None)  # after the jobs already queued
            try:
                # shield: a timeout must not cancel the worker mid-batch before we refuse its jobs
                await asyncio.wait_for(asyncio.shield(self._task), timeout)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            self._refuse(self._drain())
        # wait=False: a stuck model call must not block the event loop; its thread ends with it.
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def predict(self, model: Any, records: Sequence[dict[str, Any]]) -> np.ndarray:
        """P(positive) for ``records`` with ``model``, computed in a batch with others."""
        if self._stopping:
            raise Stopped("the service is shutting down: the request was not scored")
        if self._queue is None:
            raise RuntimeError("the batcher is not started")
        done: asyncio.Future[np.ndarray] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(records, model, done))
        return await done

    def _drain(self) -> list[_Job]:
        """Everything still queued (the worker has stopped taking it)."""
        jobs = []
        while self._queue is not None and not self._queue.empty():
            job = self._queue.get_nowait()
            if job is not None:
                jobs.append(job)
        return jobs

    @staticmethod
    def _refuse(jobs: list[_Job]) -> None:
        for job in jobs:
            if not job.done.done():
                job.done.set_exception(Stopped("the service stopped before scoring the request"))

    async def _work(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            first = await self._queue.get()
            if first is None:  # stop() was called and everything before it is answered
                return
            jobs, rows = [first], len(first.records)
            # Everything already waiting, for the same model object (a reload swaps the model:
            # requests that started on the old one finish on it). Not past a stop marker.
            while not self._queue.empty() and rows < self.max_rows:
                job = self._queue.get_nowait()
                if job is None:
                    await self._run(loop, jobs)
                    return
                if job.model is not jobs[0].model:
                    await self._run(loop, jobs)
                    jobs, rows = [], 0
                jobs.append(job)
                rows += len(job.records)
            await self._run(loop, jobs)

    async def _run(self, loop: asyncio.AbstractEventLoop, jobs: list[_Job]) -> None:
        records = [r for job in jobs for r in job.records]
        started = time.perf_counter()
        try:
            model = jobs[0].model
            if self._inline(model):
                out = self._predict(model, records)
            else:
                out = await loop.run_in_executor(self._pool, self._predict, model, records)
        except asyncio.CancelledError:  # stop() gave up waiting for this call
            self._refuse(jobs)
            raise
        except Exception as exc:  # every waiting request learns it failed
            for job in jobs:
                if not job.done.done():
                    job.done.set_exception(exc)
            return
        self.batches += 1
        self.rows += len(records)
        if self._on_batch is not None:
            self._on_batch(len(records), time.perf_counter() - started)
        start = 0
        for job in jobs:
            n = len(job.records)
            if not job.done.done():
                job.done.set_result(out[start : start + n])
            start += n


def _one_thread() -> None:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1)
