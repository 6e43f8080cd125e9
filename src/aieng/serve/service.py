"""What the routes of a running service share: the model being served, and the parts around it.

One :class:`Service` per app (``app.state.service``): the settings, the metrics, the batcher that
scores requests together, the model process, the prediction log, and :class:`Serving`, the model
with its request parser, swapped in one assignment by a reload. Routes reach it through
:func:`service`, a FastAPI dependency.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from aieng.serve.batcher import Batcher
from aieng.serve.memory import settle_memory
from aieng.serve.metrics import Metrics
from aieng.serve.model import Pin, ServedModel, load_dir, load_registered
from aieng.serve.predlog import PredictionLog, default_url
from aieng.serve.responses import ApiError
from aieng.serve.schema import RecordParser, record_model
from aieng.serve.settings import ServeSettings
from aieng.serve.worker import ProcessRunner

log = logging.getLogger("aieng.serve")


@dataclass(frozen=True)
class Serving:
    """The model and its request parser: swapped together, in one assignment, on reload."""

    model: ServedModel
    parser: RecordParser
    record: type[BaseModel]


def prepare(model: ServedModel, settings: ServeSettings) -> Serving:
    """The request model and parser generated from ``model``'s contract."""
    record = record_model(model.contract, features=model.features, extra=model.extra)
    return Serving(
        model, RecordParser(model.contract, record, max_batch=settings.max_batch), record
    )


def pin_of(settings: ServeSettings) -> Pin | None:
    """The digest the settings pin the model's files to, if any (aieng.integrity)."""
    if settings.model_sha256 is None:
        return None
    return Pin(settings.model_sha256, "AIENG_SERVE_MODEL_SHA256")


def default_loader(settings: ServeSettings) -> Callable[[], ServedModel]:
    """Load what the settings name: a model folder, or ``NAME@ALIAS`` from the registry."""
    fast, pin = settings.compile_model, pin_of(settings)
    if settings.model_dir is not None:
        folder = settings.model_dir
        return lambda: load_dir(folder, compile=fast, pin=pin)
    uri = settings.tracking_uri
    return lambda: load_registered(settings.model, tracking_uri=uri, compile=fast, pin=pin)


class Service:
    """The parts of one running service; ``serving`` is None until the model is loaded."""

    def __init__(self, settings: ServeSettings, load: Callable[[], ServedModel]) -> None:
        self.settings, self.load = settings, load
        self.metrics = Metrics()
        self.runner = ProcessRunner()  # its process starts only when a model is sent to it
        self.batcher = Batcher(self._score, on_batch=self._observe_batch, inline=self._quick)
        self.predlog = PredictionLog(settings.log_url or default_url())
        self.serving: Serving | None = None
        self.reload_lock = asyncio.Lock()  # two reloads at once would load twice for nothing

    # -- the model -------------------------------------------------------------------------

    def current(self) -> Serving:
        """The model serving now; 503 while none is loaded."""
        if self.serving is None:
            raise ApiError(503, "no model is loaded yet", "retry in a moment; GET /ready says when")
        return self.serving

    def in_model_process(self, model: ServedModel) -> bool:
        """Whether ``model`` runs in the model process (see aieng.serve.worker)."""
        if self.settings.model_process is not None:
            return self.settings.model_process
        return model.compiled is None  # a compiled model is too quick to be worth the trip

    def _score(self, model: ServedModel, records: list[dict[str, Any]]) -> Any:
        if self.in_model_process(model):
            return self.runner(model, records)
        return model.probabilities(records)

    def _quick(self, model: ServedModel) -> bool:
        """Compiled and in this process: scored on the event loop (see aieng.serve.batcher)."""
        return model.compiled is not None and not self.in_model_process(model)

    def _observe_batch(self, rows: int, seconds: float) -> None:
        self.metrics.batch_rows.observe(rows)
        self.metrics.model_seconds.observe(seconds)

    async def load_model(self) -> Serving:
        """The model the loader names, prepared and, if it runs there, sent to its process."""
        fresh = prepare(await run_in_threadpool(self.load), self.settings)
        if self.in_model_process(fresh.model):  # the process gets it before the first request
            await run_in_threadpool(self.runner.warm_up, fresh.model)
        return fresh

    def switch(self, fresh: Serving) -> ServedModel | None:
        """Serve ``fresh`` from now on (one assignment: a request sees the old or the new)."""
        before = self.serving.model if self.serving is not None else None
        self.serving = fresh
        if before is not None:
            self.metrics.model.remove(before.name, before.version)
        self.metrics.model.labels(fresh.model.name, fresh.model.version).set(1)
        settle_memory()  # the loaded libraries out of the garbage collector's full passes
        return before

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Open the log, start the batcher, load the model."""
        self.predlog.start()
        self.batcher.start()
        self.switch(await self.load_model())
        log.info("model loaded", extra={"model": self.current().model.name})

    async def stop(self) -> None:
        """Answer what is pending, then close the model process and the log."""
        await self.batcher.stop()
        self.runner.close()
        self.predlog.close()


async def service(request: Request) -> Service:
    """The running service (a FastAPI dependency).

    ``async`` although it never awaits: FastAPI runs a plain ``def`` dependency in its thread
    pool, a hop per request that cost 14 % of 1-row throughput (1,745 vs 2,029 req/s, median of
    4 alternating wrk runs each against the same model, benchmarks/serving).
    """
    found: Service = request.app.state.service
    return found


ServiceDep = Annotated[Service, Depends(service)]
