"""One training loop for every network of month 7: the MLP, the CNN and the GRU all train here.

**The idea.** Training a network is five lines repeated: draw a batch, compute the loss,
``backward()`` to get the gradients, ``step()`` to move the weights, ``zero_grad()`` before the
next. Everything else a real run needs is around those lines, and each piece is here for a
reason a learner meets sooner or later:

- a *validation split* (rows the weights never learn from), because a training loss that
  keeps falling says nothing about new data;
- *early stopping*: stop when the validation loss has not improved for ``patience`` epochs and
  keep the weights of the best epoch, not the last (the overfitting picture, acted on);
- *AdamW* (Adam with decoupled weight decay) and a *learning-rate schedule*, torch's own;
- *gradient clipping*: if the gradient's norm exceeds ``clip_norm``, scale it down to it, so
  one bad batch cannot throw the weights far away; its pre-clipping norm is logged each epoch,
  which is how exploding or vanishing gradients show;
- *seeded and deterministic*: the same seed gives the same weights, bit for bit, on CPU;
- *checkpoints you can resume*: Ctrl-C (or ``kill``) saves the run at the batch it reached and
  exits; ``kill -9`` loses at most the epochs since the last save point. Running the same call
  again resumes, and ends with exactly the weights an uninterrupted run ends with.

**The design.** :func:`fit` takes a ``torch.nn.Module``, a loss, the data as tensors (rows
first) and a :class:`TrainConfig`, and returns a :class:`TrainResult`: the history per epoch,
the best epoch, why it stopped. Hand-written is only what is the lesson: the loop itself and
the early-stopping rule (:class:`EarlyStopping`). The rest is torch's: ``AdamW``, its
schedulers, ``clip_grad_norm_``, ``torch.randperm``. The rows are drawn by index from the
tensors rather than through a ``DataLoader``: over a ``TensorDataset`` it fetches rows one by
one and stacks them, which made an epoch of the churn MLP 58 ms instead of 37 ms (batch 64, one
thread), and an index tells exactly where a resumed epoch picks up. The state on disk is
:mod:`aieng.deep.checkpoint`'s; the progress bar and MLflow are :mod:`aieng.deep.trainlog`'s.

Measured on the churn MLP (7,043 rows, 43 → 64 → 32 → 1, batch 64, one thread of a 2-core
machine), ``benchmarks/deep_loop.py`` puts this loop, checkpoints and MLflow on, at 1.00–1.03×
the time per epoch of a minimal hand-written loop doing the same arithmetic (three runs, each
the median of 9 paired repeats; both loops end with identical weights). The one cost that shows
is a save point, 9 ms: made after every epoch instead of every 10 s, the ratio was 1.27–1.42×.
Clipping is not free either: ``clip_grad_norm_`` took 29 % of a step's time (48 ms per epoch
with it, 37 without); ``clip_norm=None`` turns it off.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch

from aieng.deep import checkpoint as ckpt
from aieng.deep.interrupt import StopRequests
from aieng.deep.stopping import EarlyStopping
from aieng.deep.trainconfig import (
    Epoch,
    TrainConfig,
    TrainingError,
    TrainingInterrupted,
    TrainResult,
)
from aieng.deep.trainlog import EpochBar, EpochLog, Tracking
from aieng.deep.trainrows import Metric, check_inputs, split
from aieng.io import check_writable
from aieng.registry.tracking import CONFIG_HASH, DATA_HASH

__all__ = [
    "EarlyStopping",
    "Epoch",
    "Tracking",
    "TrainConfig",
    "TrainResult",
    "TrainingError",
    "TrainingInterrupted",
    "fit",
]

Loss = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]  # (outputs, targets) -> mean loss
VALID_CHUNK = 4096  # validation rows per forward pass: bounds memory, changes no number
DIVERGED_HINT = (
    "lower lr (now {lr}), keep clip_norm set, and check that the inputs are scaled (a "
    "column in the thousands beside others near 1 makes steps too large)."
)


def fit(
    model: torch.nn.Module,
    loss: Loss,
    x: torch.Tensor,
    y: torch.Tensor,
    config: TrainConfig | None = None,
    *,
    valid: tuple[torch.Tensor, torch.Tensor] | None = None,
    augment: Callable[[torch.Tensor], torch.Tensor] | None = None,
    metrics: Mapping[str, Metric] | None = None,
    tracking: Tracking | None = None,
    progress: bool = True,
    label: str = "",
) -> TrainResult:
    """Train ``model`` on rows ``x`` (inputs) and ``y`` (targets); return what happened.

    ``loss(model(x_batch), y_batch)`` must be one number, the batch's mean (torch's losses
    are). Without ``valid``, a seeded ``valid_share`` of the rows is held out at random; pass
    ``valid=(x, y)`` when rows must not be shuffled across the split (a series: validate on its
    end). ``augment`` changes each training batch's inputs (never the validation's), drawing
    from torch's, NumPy's or Python's global generator, which the loop seeds and checkpoints.
    ``metrics`` name extra validation scores, logged each epoch; ``label`` names the bar.

    A fresh run seeds the global generators with ``config.seed``; build the model after
    ``torch.manual_seed(seed)`` so its initial weights follow the seed too. With a
    ``checkpoint_dir`` holding a checkpoint of this same run (model, data, settings), the run
    resumes from it, and one of another run is refused
    (:class:`~aieng.deep.checkpoint.CheckpointError`). Ctrl-C or SIGTERM saves the run and
    raises :class:`TrainingInterrupted`; a second Ctrl-C stops without saving.
    """
    config = config or TrainConfig()
    run = _Run(model, loss, x, y, config, valid, augment, dict(metrics or {}), tracking)
    with _deterministic(), StopRequests(enabled=config.checkpoint_dir is not None) as stops:
        run.start()
        bar = EpochBar.open(config.epochs, label) if progress and not run.finished else None
        try:
            with bar or contextlib.nullcontext():
                run.train(stops, bar)
        except TrainingInterrupted:
            raise
        except BaseException as exc:
            run.end("KILLED" if isinstance(exc, KeyboardInterrupt) else "FAILED")
            raise
    stop = run.stopping
    return TrainResult(
        history=tuple(run.history),
        best_epoch=stop.best_epoch,
        best_valid_loss=stop.best_loss,
        stopped="patience" if stop.should_stop else "epochs",
        resumed_at=run.resumed_at,
        weights=None if run.folder is None else run.folder / ckpt.BEST,
        run_id=run.run_id,
    )


class _Run:
    """One training run: the data, the model, the optimizer and everything a resume restores."""

    def __init__(
        self,
        model: torch.nn.Module,
        loss: Loss,
        x: torch.Tensor,
        y: torch.Tensor,
        config: TrainConfig,
        valid: tuple[torch.Tensor, torch.Tensor] | None,
        augment: Callable[[torch.Tensor], torch.Tensor] | None,
        metrics: dict[str, Metric],
        tracking: Tracking | None,
    ) -> None:
        check_inputs(model, x, y, valid, metrics)
        self.model, self.loss, self.x, self.y, self.config = model, loss, x, y, config
        self.augment, self.metrics = augment, metrics
        self.folder = config.checkpoint_dir
        # One generator for the data: it draws the split once, then each epoch's row order.
        self.order = torch.Generator().manual_seed(config.seed)
        self.train_rows, self.valid_x, self.valid_y = split(x, y, valid, config, self.order)
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(
            self.params, lr=config.lr, weight_decay=config.weight_decay
        )
        self.scheduler = _scheduler(self.optimizer, config)
        self.stopping = EarlyStopping(config.patience, config.min_delta)
        self.best: dict[str, torch.Tensor] | None = None  # the best epoch's weights (copies)
        self.best_unsaved = False  # best.safetensors is behind self.best
        self.history: list[Epoch] = []
        self.epoch, self.batch = 0, 0  # epochs done; batches done in the epoch under way
        self.order_start = self.order.get_state()  # the order generator as the epoch began
        self.partial = _fresh_partial()  # the epoch under way's running sums
        self.finished = False
        self.resumed_at: tuple[int, int] | None = None
        self.log: EpochLog | None = None
        self.run_id: str | None = None
        self.tracking = tracking
        data = [x, y, *(valid or ())]  # its digest: 1 ms for churn's 1.2 MB
        self.data_hash = ckpt.data_digest(data) if self.folder or tracking else ""
        self.last_save = time.monotonic()

    # -- start: fresh, or from the checkpoint ----------------------------------------------

    def fingerprint(self) -> dict[str, Any]:
        return {
            "model": ckpt.model_signature(self.model),
            "data": self.data_hash,
            "config": self.config.fingerprint(),
        }

    def start(self) -> None:
        last = self.folder / ckpt.LAST if self.folder else None
        if last is not None:
            check_writable(last)  # now, not at the first save point after an epoch of work
        if last is not None and last.exists():
            self.restore(last, ckpt.read(last))
        else:
            ckpt.seed_rng(self.config.seed)
        if self.tracking is not None and not self.finished:
            params = self.config.model_dump(mode="json")
            tags = {CONFIG_HASH: self.config.digest(), DATA_HASH: self.data_hash}
            self.log = EpochLog(self.tracking, run_id=self.run_id, params=params, tags=tags)
            self.run_id = self.log.run_id

    def restore(self, path: Path, state: dict[str, Any]) -> None:
        ckpt.check_same_run(path, state["fingerprint"], self.fingerprint())
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        if self.scheduler is not None:
            self.scheduler.load_state_dict(state["scheduler"])
        self.stopping = EarlyStopping(**state["stopping"])
        self.best = state["best"]
        self.history = [Epoch(**e) for e in state["history"]]
        self.epoch, self.batch = state["epoch"], state["batch"]
        self.order_start = state["order"]
        self.partial = state["partial"]
        self.finished, self.run_id = state["finished"], state["run_id"]
        ckpt.restore_rng(state["rng"])
        self.resumed_at = (self.epoch, self.batch)
        if self.finished:  # a rerun of a finished run: its result, without training again
            self.model.load_state_dict(self.best)
            self.model.eval()

    def state(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint(),
            "epoch": self.epoch,
            "batch": self.batch,
            "order": self.order_start,
            "rng": ckpt.capture_rng(),
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": None if self.scheduler is None else self.scheduler.state_dict(),
            "stopping": asdict(self.stopping),
            "best": self.best,
            "history": [asdict(e) for e in self.history],
            "partial": self.partial,
            "finished": self.finished,
            "run_id": self.run_id,
        }

    # -- the loop ---------------------------------------------------------------------------

    def train(self, stops: StopRequests, bar: EpochBar | None) -> None:
        """Epochs until early stopping or the last one; then the best weights, saved."""
        bs, n = self.config.batch_size, len(self.train_rows)
        batches = math.ceil(n / bs)
        self.order.set_state(self.order_start)
        while not self.finished:
            # The epoch's row order; a resumed epoch draws the same one and skips what it did.
            rows = self.train_rows[torch.randperm(n, generator=self.order)]
            if bar:
                bar.start(self.epoch + 1, batches, self.batch)
            started = time.perf_counter()
            self.model.train()
            for b in range(self.batch, batches):
                if stops.received:
                    self.partial["seconds"] += time.perf_counter() - started
                    self.interrupted(stops, batches)
                self.step(rows[b * bs : (b + 1) * bs])
                self.batch = b + 1
                if bar:
                    bar.advance()
            self.partial["seconds"] += time.perf_counter() - started
            self.end_epoch(bar)

    def step(self, rows: torch.Tensor) -> None:
        """One batch: forward, loss, backward, clip, step: the five lines of the lesson."""
        xb, yb = self.x[rows], self.y[rows]
        if self.augment is not None:
            xb = self.augment(xb)
        self.optimizer.zero_grad(set_to_none=True)  # else backward() adds to the last gradient
        value = self.loss(self.model(xb), yb)
        if value.ndim != 0:
            raise TrainingError(
                f"the loss returned a tensor of shape {tuple(value.shape)}, not one number",
                hint="use a loss that averages over the batch (torch's losses do by default: "
                "reduction='mean').",
            )
        torch.autograd.backward(value)  # the gradients, into each weight's .grad
        p = self.partial
        if self.config.clip_norm is not None:  # the norm before clipping is the one to watch
            norm = float(torch.nn.utils.clip_grad_norm_(self.params, self.config.clip_norm))
            p["norm_sum"] += norm
            p["clipped"] += norm > self.config.clip_norm
        self.optimizer.step()
        number = float(value.detach())
        if not math.isfinite(number):
            self.diverged(number)
        p["loss_sum"] += number * len(rows)
        p["rows"] += len(rows)
        p["steps"] += 1

    def end_epoch(self, bar: EpochBar | None) -> None:
        valid_loss, scores = self.validate()
        p, lr = self.partial, self.optimizer.param_groups[0]["lr"]
        clipping = self.config.clip_norm is not None
        record = Epoch(
            epoch=self.epoch + 1,
            train_loss=p["loss_sum"] / p["rows"],
            valid_loss=valid_loss,
            lr=float(lr),
            grad_norm=p["norm_sum"] / p["steps"] if clipping else None,
            clipped=p["clipped"] / p["steps"] if clipping else None,
            metrics=scores,
            seconds=p["seconds"],
        )
        improved = self.stopping.update(record.epoch, valid_loss)
        if improved:
            self.best = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            self.best_unsaved = True
        if isinstance(self.scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            self.scheduler.step(valid_loss)
        elif self.scheduler is not None:
            self.scheduler.step()
        self.history.append(record)
        self.epoch, self.batch, self.partial = self.epoch + 1, 0, _fresh_partial()
        self.order_start = self.order.get_state()
        self.finished = self.stopping.should_stop or self.epoch == self.config.epochs
        if bar:
            bar.finished(record, best=improved)
        if self.log:
            self.log.add(record)
        if self.finished:
            self.finish()
        elif time.monotonic() - self.last_save >= self.config.save_every_s:
            self.save()

    def validate(self) -> tuple[float, dict[str, float]]:
        """The mean loss (and the metrics) on the validation rows, with the weights as they are."""
        self.model.eval()  # dropout off, batch norm on its running statistics
        with torch.no_grad():
            chunks = range(0, len(self.valid_x), VALID_CHUNK)
            out = torch.cat([self.model(self.valid_x[i : i + VALID_CHUNK]) for i in chunks])
            value = float(self.loss(out, self.valid_y))
            scores = {name: float(fn(out, self.valid_y)) for name, fn in self.metrics.items()}
        return value, scores

    # -- save points and endings ------------------------------------------------------------

    def save(self) -> None:
        """A save point: MLflow first, then the checkpoint (so a replayed epoch is never lost)."""
        if self.log:
            self.log.flush()
        if self.folder is not None:
            files = {self.folder / ckpt.LAST: ckpt.encode(self.state())}
            if self.best_unsaved and self.best is not None:
                facts = {
                    "epoch": str(self.stopping.best_epoch),
                    "valid_loss": repr(self.stopping.best_loss),
                }
                files[self.folder / ckpt.BEST] = ckpt.weights_bytes(self.best, facts)
            ckpt.write(files)
            self.best_unsaved = False
        self.last_save = time.monotonic()

    def finish(self) -> None:
        if self.best is None:  # no epoch had a finite validation loss
            raise TrainingError(
                f"no epoch of {self.epoch} had a finite validation loss "
                f"(the last: {self.history[-1].valid_loss})",
                hint=DIVERGED_HINT.format(lr=self.config.lr),
            )
        self.save()
        self.model.load_state_dict(self.best)
        self.model.eval()
        self.end("FINISHED")

    def end(self, status: str) -> None:
        if self.log:
            self.log.end(status)
            self.log = None

    def interrupted(self, stops: StopRequests, batches: int) -> None:
        self.save()
        self.end("KILLED")
        where = f"{self.folder / ckpt.LAST}" if self.folder else "nowhere"
        raise TrainingInterrupted(
            f"training stopped by {stops.name} at epoch {self.epoch + 1} of "
            f"{self.config.epochs}, batch {self.batch} of {batches}; its state is saved in {where}",
            hint="run the same training again (same model, data and settings) to resume it "
            "from there.",
            exit_code=stops.exit_code,
        )

    def diverged(self, number: float) -> None:
        if self.best is not None:
            self.model.load_state_dict(self.best)
        kept = f"; the model holds epoch {self.stopping.best_epoch}'s weights" if self.best else ""
        raise TrainingError(
            f"the training loss became {number} at epoch {self.epoch + 1}, batch "
            f"{self.batch + 1}{kept}",
            hint=DIVERGED_HINT.format(lr=self.config.lr),
        )


def _fresh_partial() -> dict[str, float]:
    return {"loss_sum": 0.0, "rows": 0, "norm_sum": 0.0, "clipped": 0, "steps": 0, "seconds": 0.0}


@contextlib.contextmanager
def _deterministic() -> Iterator[None]:
    """torch refuses, for the run, any operation that is not reproducible (and says which)."""
    was = torch.are_deterministic_algorithms_enabled()
    warn_only = torch.is_deterministic_algorithms_warn_only_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(was, warn_only=warn_only)


def _scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig) -> Any:
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=config.epochs)
    if config.schedule == "plateau":
        patience = max(1, config.patience // 2)
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=patience)
    return None
