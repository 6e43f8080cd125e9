"""What a training run shows and records: a progress bar on stderr, its epochs in MLflow.

**The progress bar** is Rich's, on stderr (results go to stdout, so a pipe never gets a bar),
with the console settings of :mod:`aieng.cli.console` (no highlighting, no emoji codes). It is
made here rather than taken from there because imports only go down: the command line is the
top floor and a month may not import it. One bar per epoch counts its batches; when the epoch
ends it gives way to one line (``epoch 7/100  train 0.4123  valid 0.4188  lr 9.6e-04 *``, the
star on a new best). In a pipe or a log there is no terminal, and no bar: it would only leave
escape codes in the file.

**MLflow**: each epoch's numbers are metrics of one run (step = the epoch), in the same store
month 6 writes to (:func:`aieng.registry.tracking.default_uri`, unless another is given), so
``mlflow ui`` draws the learning curves beside the pipeline's runs. They are sent in batches at
the loop's save points, not one request per epoch: one ``log_batch`` into the SQLite store took
5.8 ms (median of 31 in a training run), 14 % of a 41 ms epoch of the churn MLP. Sent just
*before* the checkpoint is written, so whatever a resume replays was sent at least once, never
lost: an epoch can appear twice after a ``kill -9`` (the same values at the same step, since the
replay is exact), never zero times. A resumed run writes into the run it started, whose id the
checkpoint keeps, and the run ends FINISHED, or KILLED when interrupted.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from aieng.deep.trainconfig import Epoch
from aieng.registry import tracking

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

RESUMED_FROM = tracking.TAG + "resumed_from_run"  # a resume whose run is not in this store


@dataclass(frozen=True, kw_only=True)
class Tracking:
    """Where a training run records its epochs."""

    uri: str | None = None  # None: the embedded store month 6 uses ($AIENG_HOME/mlflow)
    experiment: str = "deep"  # the experiment the run goes in (created if new)
    run_name: str | None = None  # None: MLflow names it


class EpochLog:
    """One MLflow run that receives epochs; :meth:`flush` sends those not yet sent."""

    def __init__(
        self,
        where: Tracking,
        *,
        run_id: str | None,
        params: Mapping[str, object],
        tags: Mapping[str, str],
    ) -> None:
        from aieng.registry import provenance

        self.client = tracking.connect(where.uri)
        self.pending: list[Epoch] = []
        if run_id is not None and self._exists(run_id):
            self.run_id = run_id
            self.client.update_run(run_id, status="RUNNING")  # it was KILLED or left RUNNING
            return
        experiment = tracking.experiment_id(self.client, where.experiment)
        all_tags = {**tags, **provenance.environment_tags()}
        if run_id is not None:  # the checkpoint's run lives in another store
            all_tags[RESUMED_FROM] = run_id
        run = self.client.create_run(experiment, run_name=where.run_name, tags=all_tags)
        self.run_id = run.info.run_id
        from mlflow.entities import Param

        self.client.log_batch(self.run_id, params=[Param(k, str(v)) for k, v in params.items()])

    def _exists(self, run_id: str) -> bool:
        from mlflow.exceptions import MlflowException

        try:
            self.client.get_run(run_id)
        except MlflowException:
            return False
        return True

    def add(self, epoch: Epoch) -> None:
        self.pending.append(epoch)

    def flush(self) -> None:
        from mlflow.entities import Metric

        now = int(time.time() * 1000)
        metrics = [
            Metric(name, value, now, e.epoch) for e in self.pending for name, value in _numbers(e)
        ]
        for i in range(0, len(metrics), 900):  # MLflow takes at most 1000 metrics per batch
            self.client.log_batch(self.run_id, metrics=metrics[i : i + 900])
        self.pending.clear()

    def end(self, status: str) -> None:
        """Send what is pending and close the run: FINISHED, KILLED or FAILED."""
        self.flush()
        self.client.set_terminated(self.run_id, status)


def _numbers(e: Epoch) -> list[tuple[str, float]]:
    found = [("train_loss", e.train_loss), ("valid_loss", e.valid_loss), ("lr", e.lr)]
    if e.grad_norm is not None and e.clipped is not None:
        found += [("grad_norm", e.grad_norm), ("clipped_share", e.clipped)]
    found += [(f"valid_{name}", value) for name, value in e.metrics.items()]
    return found


class EpochBar:
    """A Rich bar of an epoch's batches on stderr; a line per finished epoch."""

    def __init__(self, console: Console, epochs: int, label: str) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.console, self.epochs = console, epochs
        self.label = f"{escape(label)} " if label else ""  # a name, never markup
        self.bar: Progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,  # the bar goes; the epoch's line stays
        )
        self.task: TaskID | None = None

    @staticmethod
    def open(epochs: int, label: str = "") -> EpochBar | None:
        """A bar when stderr is a terminal, else None (the loop then skips every call)."""
        err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
        return EpochBar(err, epochs, label) if err.is_terminal else None

    def __enter__(self) -> EpochBar:
        self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.stop()

    def start(self, epoch: int, batches: int, done: int) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(f"{self.label}epoch {epoch}/{self.epochs}", total=batches)
        self.bar.update(self.task, completed=done)

    def advance(self) -> None:
        if self.task is not None:
            self.bar.advance(self.task)

    def finished(self, e: Epoch, *, best: bool) -> None:
        star = " [bold green]*[/]" if best else ""
        self.console.print(
            f"{self.label}epoch {e.epoch}/{self.epochs}  train {e.train_loss:.4f}  "
            f"valid {e.valid_loss:.4f}  lr {e.lr:.1e}{star}",
            highlight=False,
        )
