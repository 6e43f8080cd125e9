"""The model in a process of its own, so its Python work never waits for the event loop's GIL.

A scikit-learn Pipeline spends most of a call in Python (input checks, column selection,
encoding). In the server's process that work would hold the GIL the event loop needs to accept,
validate and answer requests, and the two would take turns on one core. In a child process they
run side by side on two. The batcher hands this runner whole batches, so the cost of sending
records between the processes (pickling a few dozen dicts) is paid once per batch.

By default only a model that could not be compiled comes here: a compiled one
(:mod:`aieng.serve.compiled`) scores a batch in less time than that trip takes.

The model is sent to the child once per version; the child keeps the two most recent ones, so
requests still finishing on the old model during a reload are answered by it.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np

from aieng.serve.memory import settle_memory

KEEP = 2  # models kept in the child: the current one and the one a reload replaced
_models: OrderedDict[str, Any] = OrderedDict()  # in the child: key -> ServedModel


class UnknownModel(KeyError):
    """The child does not hold this model (it was restarted): send it again."""


def _start_child() -> None:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1)  # one core for the model; the other serves requests


def _predict_in_child(key: str, blob: bytes | None, records: list[dict[str, Any]]) -> np.ndarray:
    if blob is not None:
        _models[key] = pickle.loads(blob)
        while len(_models) > KEEP:
            _models.popitem(last=False)
        settle_memory()  # as in the server: no full GC pass over the model while it scores
    if key not in _models:
        raise UnknownModel(key)
    _models.move_to_end(key)
    if not records:  # only installing the model (warm_up)
        return np.empty(0)
    result: np.ndarray = _models[key].probabilities(records)
    return result


class ProcessRunner:
    """``runner(model, records)``: P(positive) computed in the child process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: set[str] = set()
        self._pool = self._new_pool()

    @staticmethod
    def _new_pool() -> ProcessPoolExecutor:
        # spawn, not fork: the server has threads (the log writer, uvicorn), and forking a
        # process with threads can copy a lock in its locked state.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(1, mp_context=context, initializer=_start_child)

    def warm_up(self, model: Any) -> None:
        """Start the child and send it ``model`` now, not on the first request."""
        self(model, [])

    def __call__(self, model: Any, records: list[dict[str, Any]]) -> np.ndarray:
        key = f"{model.name}/{model.version}/{id(model)}"
        for attempt in range(2):
            with self._lock:
                blob = None if key in self._sent else pickle.dumps(model)
                pool = self._pool
            try:
                out = pool.submit(_predict_in_child, key, blob, records).result()
            except UnknownModel:
                with self._lock:
                    self._sent.discard(key)
                continue
            except BrokenProcessPool:
                if attempt:
                    raise
                with self._lock:  # the child died (killed, out of memory): start a new one
                    if self._pool is pool:
                        self._pool = self._new_pool()
                        self._sent.clear()
                continue
            with self._lock:
                self._sent.add(key)
            return out
        raise RuntimeError("the model process did not accept the model")

    def close(self) -> None:
        """Stop the child process."""
        self._pool.shutdown(wait=True, cancel_futures=True)
