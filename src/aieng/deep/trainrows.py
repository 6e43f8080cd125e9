"""The rows a training sees: checked before any work, then split into training and validation.

Checked first, because a run that fails after ten minutes on something visible at the start
wastes the ten minutes: inputs that are not tensors, inputs and targets of different lengths, no
rows, a NaN anywhere (one NaN in one input makes every weight NaN after one step), a model with
nothing to train. Each gets the project's error: what, what was received, what to do.

The split is random and seeded: ``valid_share`` of the rows, drawn by the run's own generator
(the one that then draws each epoch's order), so the same seed holds out the same rows. Random
is right for rows that are exchangeable (customers, images); for a series it would validate on
the past with the future in training, so those callers pass their own ``valid`` rows. The
split keeps indices, not copies: the training rows are gathered batch by batch from ``x``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import torch

from aieng.deep.trainconfig import TrainConfig
from aieng.errors import DataError, UsageError

Metric = Callable[[torch.Tensor, torch.Tensor], float]  # (outputs, targets) -> a number


def split(
    x: torch.Tensor,
    y: torch.Tensor,
    valid: tuple[torch.Tensor, torch.Tensor] | None,
    config: TrainConfig,
    order: torch.Generator,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The training rows' indices, and the validation inputs and targets."""
    n = len(x)
    if valid is not None:
        return torch.arange(n), valid[0], valid[1]
    n_valid = round(n * config.valid_share)
    if n_valid < 1 or n - n_valid < 1:
        raise DataError(
            f"{n} rows with valid_share {config.valid_share} leave {n_valid} for validation and "
            f"{n - n_valid} for training; each side needs at least one",
            hint="train on more rows, choose a valid_share that leaves rows on both sides, or "
            "pass your own validation rows (valid=(x, y)).",
        )
    rows = torch.randperm(n, generator=order)
    return rows[n_valid:], x[rows[:n_valid]], y[rows[:n_valid]]


def check_inputs(
    model: torch.nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    valid: tuple[torch.Tensor, torch.Tensor] | None,
    metrics: Mapping[str, Metric],
) -> None:
    """Refuse, before any work, what would fail later or train on garbage."""
    if not isinstance(model, torch.nn.Module):
        raise UsageError(
            f"the model must be a torch.nn.Module, got {type(model).__name__}",
            hint="build it from torch.nn layers (e.g. torch.nn.Sequential).",
        )
    if not any(p.requires_grad for p in model.parameters()):
        raise UsageError(
            f"the model {type(model).__name__} has no trainable weights",
            hint="give it a layer with parameters, or unfreeze them (requires_grad=True).",
        )
    pairs = [("x", "y", x, y)] + ([("valid[0]", "valid[1]", *valid)] if valid else [])
    for xname, yname, inputs, targets in pairs:
        for name, t in ((xname, inputs), (yname, targets)):
            if not isinstance(t, torch.Tensor):
                raise DataError(
                    f"{name} must be a torch.Tensor, got {type(t).__name__}",
                    hint="convert it first: torch.as_tensor(array, dtype=torch.float32).",
                )
            if t.ndim == 0 or len(t) == 0:
                raise DataError(
                    f"{name} has no rows (shape {tuple(t.shape)})",
                    hint="pass at least one row, rows first.",
                )
            if t.is_floating_point() and not bool(torch.isfinite(t).all()):
                bad = int((~torch.isfinite(t)).sum())
                raise DataError(
                    f"{name} holds {bad} NaN or infinite values",
                    hint="impute or drop them before training: one NaN makes every weight NaN.",
                )
        if len(inputs) != len(targets):
            raise DataError(
                f"{xname} has {len(inputs)} rows but {yname} has {len(targets)}",
                hint="inputs and targets must have one row each per example, rows first.",
            )
    for name in metrics:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise UsageError(
                f"metric name {name!r} is not made of letters, digits and _",
                hint="name it like valid_accuracy's 'accuracy': it becomes an MLflow metric key.",
            )
