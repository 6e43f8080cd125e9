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
