"""What a training run is asked (:class:`TrainConfig`) and what it answers (:class:`TrainResult`).

The config is strict, like every config of the project: an unknown key, a string where a number
goes (``epochs = "10"`` in a TOML file) or a value out of range is refused with the key named
(:func:`aieng.tomlfile.invalid`), never coerced or ignored. Every field has a default and a
reason. Two of them say where and how often to save, and do not change the weights: they are
left out of :meth:`TrainConfig.fingerprint`, so a checkpoint can be moved, or saved more often,
and still be resumed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aieng import tomlfile
from aieng.errors import AiengError

HINT = "see aieng.deep.trainconfig.TrainConfig for every key, its default and why."


class TrainConfig(BaseModel):
    """How to train; every field has a default, and none takes a value of the wrong type."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    epochs: int = Field(100, ge=1)  # the most epochs; early stopping usually ends sooner
    batch_size: int = Field(64, ge=1)  # rows per step: smaller is noisier and slower per epoch
    lr: float = Field(1e-3, gt=0)  # AdamW's step size (Adam's usual default)
    weight_decay: float = Field(1e-2, ge=0)  # AdamW's decoupled decay (torch's default)
    # "cosine": from lr down towards 0 at the last epoch; "plateau": halve lr after
    # patience // 2 epochs without improvement (so it acts before early stopping does).
    schedule: Literal["constant", "cosine", "plateau"] = "cosine"
    patience: int = Field(10, ge=1)  # epochs without a better validation loss before stopping
    min_delta: float = Field(0.0, ge=0)  # an improvement must beat the best by more than this
    clip_norm: float | None = Field(1.0, gt=0)  # the gradient's largest L2 norm; None: no clip
    valid_share: float = Field(0.2, gt=0, lt=1)  # rows held out for validation (unless given)
    seed: int = Field(0, ge=0)  # the split, the row order, the generators: all follow it
    checkpoint_dir: Path | None = Field(None, strict=False)  # None: no checkpoint, no resume
    # Seconds between save points (0: after every epoch), and at most what a kill -9 loses. A
    # save point took 9 ms for the churn MLP (MLflow 5.8 of them): after each of its 41 ms
    # epochs that is a quarter more time; every 10 s it is lost in the noise.
    save_every_s: float = Field(10.0, ge=0)

    @classmethod
    def from_mapping(
        cls, values: Mapping[str, Any], *, source: str = "train config"
    ) -> TrainConfig:
        """A config from TOML-like values; a bad key or value gets the project's config error."""
        try:
            return cls.model_validate(dict(values))
        except ValidationError as exc:
            raise tomlfile.invalid(exc, source=source, hint=HINT, model=cls) from exc

    def fingerprint(self) -> dict[str, Any]:
        """The settings that shape the weights (where and how often to save do not)."""
        return self.model_dump(mode="json", exclude={"checkpoint_dir", "save_every_s"})

    def digest(self) -> str:
        """sha256 of :meth:`fingerprint`: the run's ``aieng.config_hash`` tag in MLflow."""
        text = json.dumps(self.fingerprint(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Epoch:
    """What one epoch did: a line of the history, a step of the MLflow run."""

    epoch: int  # 1-based
    train_loss: float  # mean over the epoch's training rows, measured as the weights moved
    valid_loss: float  # mean over the validation rows, after the epoch
    lr: float  # the learning rate the epoch used
    grad_norm: float | None  # mean L2 norm of the whole gradient before clipping (None: no clip)
    clipped: float | None  # share of the steps whose gradient clipping shortened
    metrics: dict[str, float]  # the extra validation metrics asked for
    seconds: float  # wall time: the one number a resume does not reproduce


@dataclass(frozen=True)
class TrainResult:
    """What :func:`aieng.deep.train.fit` returns; the model holds the best epoch's weights."""

    history: tuple[Epoch, ...]
    best_epoch: int  # 1-based
    best_valid_loss: float
    stopped: Literal["patience", "epochs"]  # early stopping, or the last epoch was reached
    resumed_at: tuple[int, int] | None  # (epochs, batches) done when this call resumed; None
    weights: Path | None  # best.safetensors, when checkpointing
    run_id: str | None  # the MLflow run, when tracking


class TrainingError(AiengError):
    """The training cannot go on: its loss is not a number, or not one number."""


class TrainingInterrupted(AiengError):
    """Ctrl-C or SIGTERM stopped the training; its state is saved, and a rerun resumes it."""
