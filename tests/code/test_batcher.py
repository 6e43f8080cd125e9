"""Dynamic batching (aieng.serve.batcher): concurrent requests share model calls, each gets its
own rows back, a failure reaches every waiting request, and quick models run inline."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import numpy as np
import pytest

from aieng.serve.batcher import Batcher


class Recorder:
    """A fake model call: P = the record's ``x`` / 100; remembers each call's size and thread."""

    def __init__(self, seconds: float = 0.0, fail: bool = False) -> None:
        self.seconds, self.fail = seconds, fail
        self.calls: list[tuple[Any, int, int]] = []  # (model, rows, thread id)

    def __call__(self, model: Any, records: list[dict[str, Any]]) -> np.ndarray:
        self.calls.append((model, len(records), threading.get_ident()))
        time.sleep(self.seconds)
        if self.fail:
            raise RuntimeError("the model broke")
        return np.array([r["x"] / 100 for r in records])


async def _serve(batcher: Batcher, requests: list[tuple[Any, list[dict[str, Any]]]]) -> list[Any]:
    batcher.start()
    try:
        return await asyncio.gather(
            *(batcher.predict(model, records) for model, records in requests),
            return_exceptions=True,
        )
    finally:
        await batcher.stop()


def test_concurrent_requests_share_calls_and_get_their_own_rows() -> None:
    predict = Recorder(seconds=0.02)
    requests = [("m", [{"x": 3 * i + k} for k in range(3)]) for i in range(20)]
    results = asyncio.run(_serve(Batcher(predict), requests))
    for (_, records), got in zip(requests, results, strict=True):
        np.testing.assert_array_equal(got, [r["x"] / 100 for r in records])
    assert len(predict.calls) < 20  # the ones that waited were scored together
    assert sum(rows for _, rows, _ in predict.calls) == 60


def test_max_rows_and_models_split_batches() -> None:
    predict = Recorder(seconds=0.01)
    old, new = object(), object()  # a reload: requests keep the model they started with
    requests = [(old if i < 5 else new, [{"x": i}] * 4) for i in range(10)]
    asyncio.run(_serve(Batcher(predict, max_rows=8), requests))
    assert all(rows <= 8 for _, rows, _ in predict.calls)
    assert all(model in (old, new) for model, _, _ in predict.calls)
    assert sum(rows for m, rows, _ in predict.calls if m is old) == 20


def test_a_failed_call_fails_every_request_in_it() -> None:
    results = asyncio.run(_serve(Batcher(Recorder(fail=True)), [("m", [{"x": 1}])] * 5))
    assert all(isinstance(r, RuntimeError) for r in results)


@pytest.mark.parametrize("inline", [True, False])
def test_quick_models_run_on_the_event_loop_slow_ones_in_a_thread(inline: bool) -> None:
    predict = Recorder()
    loop_thread: list[int] = []

    async def main() -> None:
        loop_thread.append(threading.get_ident())
        await _serve(Batcher(predict, inline=lambda model: inline), [("m", [{"x": 1}])])

    asyncio.run(main())
    (_, _, thread) = predict.calls[0]
    assert (thread == loop_thread[0]) is inline


def test_stop_answers_the_request_in_flight_and_the_queued_ones() -> None:
    predict = Recorder(seconds=0.2)

    async def main() -> list[Any]:
        batcher = Batcher(predict)
        batcher.start()
        first = asyncio.ensure_future(batcher.predict("m", [{"x": 1}]))
        await asyncio.sleep(0.05)  # the first call is in the model now
        queued = [asyncio.ensure_future(batcher.predict("m", [{"x": k}])) for k in (2, 3)]
        await asyncio.sleep(0)  # they are in the queue, behind the call in flight
        await asyncio.wait_for(batcher.stop(), timeout=5)
        return await asyncio.wait_for(asyncio.gather(first, *queued), timeout=1)

    results = asyncio.run(main())
    assert [float(r[0]) for r in results] == [0.01, 0.02, 0.03]


def test_stop_gives_up_on_a_stuck_model_and_refuses_what_waits() -> None:
    from aieng.serve.batcher import Stopped

    predict = Recorder(seconds=3.0)  # longer than stop() is willing to wait

    async def main() -> list[Any]:
        batcher = Batcher(predict)
        batcher.start()
        first = asyncio.ensure_future(batcher.predict("m", [{"x": 1}]))
        await asyncio.sleep(0.05)
        queued = asyncio.ensure_future(batcher.predict("m", [{"x": 2}]))
        await asyncio.sleep(0)
        started = time.perf_counter()
        await batcher.stop(timeout=0.2)
        assert time.perf_counter() - started < 1.5  # it did not wait for the stuck call
        return await asyncio.wait_for(
            asyncio.gather(first, queued, return_exceptions=True), timeout=1
        )

    results = asyncio.run(main())
    assert all(isinstance(r, Stopped) for r in results), results


def test_a_stopped_batcher_refuses_new_work_with_a_clear_error() -> None:
    from aieng.serve.batcher import Stopped

    async def main() -> None:
        batcher = Batcher(Recorder())
        batcher.start()
        await batcher.stop()
        await batcher.stop()  # twice is harmless
        with pytest.raises(Stopped, match="shutting down"):
            await batcher.predict("m", [{"x": 1}])

    asyncio.run(main())
