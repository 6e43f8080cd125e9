"""A small training run, the same in a child process (the one a test kills) and in the test.

    python tests/code/deep_train_child.py CHECKPOINT_DIR OUT.safetensors [PAUSE_AT]

trains, prints one line per training batch (flushed, from the augmentation, so before the
batch's step) and writes the final weights to OUT. At the PAUSE_AT-th batch it sleeps a second
after printing, so a signal the test sends on reading that line lands inside that batch however
slow the machine is, and the test knows exactly where. Interrupted by Ctrl-C or SIGTERM, it exits
with the error's code (130 or 143) and its message on stderr, as ``aieng`` would.

Every source of randomness a resume must restore is in use: dropout (torch's generator), and an
augmentation that draws from torch's, NumPy's and Python's. The row order and the split follow
the loop's own generator; the schedule, AdamW's moments and early stopping's counters carry
state across epochs. Leave any of them out of the checkpoint and the resumed weights differ.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import save_file

from aieng.deep.train import TrainConfig, TrainingInterrupted, TrainResult, fit

ROWS, FEATURES, BATCH, EPOCHS = 600, 8, 32, 6  # 480 training rows: 15 batches per epoch
BATCHES = 15


def data() -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(7)
    x = torch.randn(ROWS, FEATURES, generator=g)
    y = (x[:, 0] - x[:, 1] + 0.3 * torch.randn(ROWS, generator=g) > 0).float()
    return x, y


def model() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(FEATURES, 16),
        torch.nn.ReLU(),
        torch.nn.Dropout(0.2),
        torch.nn.Linear(16, 1),
        torch.nn.Flatten(0),
    )


def augmenter(on_batch: Callable[[], None] | None = None) -> Callable[[torch.Tensor], torch.Tensor]:
    def augment(xb: torch.Tensor) -> torch.Tensor:
        if on_batch is not None:
            on_batch()
        scale = float(np.random.uniform(0.9, 1.1))  # NumPy's generator
        sign = -1.0 if random.random() < 0.1 else 1.0  # Python's
        return sign * scale * xb + 0.05 * torch.randn_like(xb)  # torch's

    return augment


def config(folder: Path | None, **changes: Any) -> TrainConfig:
    values: dict[str, Any] = {
        "epochs": EPOCHS,
        "batch_size": BATCH,
        "lr": 0.01,
        "patience": 100,  # every epoch runs: the kill lands mid-run
        "schedule": "cosine",
        "save_every_s": 0.0,  # a save point after every epoch
        "checkpoint_dir": folder,
        **changes,
    }
    return TrainConfig(**values)


def train(
    folder: Path | None, *, on_batch: Callable[[], None] | None = None, **changes: Any
) -> tuple[torch.nn.Module, TrainResult]:
    net = model()
    x, y = data()
    loss = torch.nn.BCEWithLogitsLoss()
    result = fit(net, loss, x, y, config(folder, **changes), augment=augmenter(on_batch))
    return net, result


def acknowledger(pause_at: int) -> Callable[[], None]:
    seen = [0]

    def ack() -> None:
        seen[0] += 1
        print("batch", flush=True)
        if seen[0] == pause_at:
            time.sleep(1.0)  # Python resumes the sleep after our handler sets its flag

    return ack


def main() -> None:
    torch.set_num_threads(1)  # as the test process: bit-identical weights need the same threads
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    pause_at = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    try:
        net, _ = train(folder, on_batch=acknowledger(pause_at))
    except TrainingInterrupted as exc:
        print(f"Error: {exc.message}\nHint: {exc.hint}", file=sys.stderr)
        sys.exit(exc.exit_code)
    save_file(net.state_dict(), str(out))


if __name__ == "__main__":
    main()
