"""Month 7 benchmark: our training loop beside a minimal hand-written PyTorch loop, per epoch.

Both train the same MLP (43 → 64 → 32 → 1, ReLU) on Telco churn (7,043 rows, month 4's
features, binary cross-entropy) with the same arithmetic: the same validation split and row
order, AdamW, the cosine schedule, clipping at norm 1, the validation loss after each epoch.
They end with identical weights, checked before anything is timed, so what the ratio measures
is our loop's machinery alone: the checkpoints, MLflow, the history and the bookkeeping.

Time per epoch is a slope, (T(2E) − T(E)) / E over a run of 2E epochs and one of E, so the
costs paid once per run (opening the MLflow store, creating the run, hashing the data) fall out;
they are printed apart. Paired and alternated: each repeat times both loops back to back, in
turn first, and the ratio is the median of the repeats' ratios.

    .venv/bin/python benchmarks/deep_loop.py [--epochs 10] [--repeats 7] [--threads 1]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import torch

from aieng.datasets import load
from aieng.deep.train import Tracking, TrainConfig, fit
from aieng.supervised.features import ChurnFeatures, preprocessor, select_features

BCE = torch.nn.BCEWithLogitsLoss()


def churn() -> tuple[torch.Tensor, torch.Tensor]:
    frame = load("telco_churn")
    features, _ = select_features(frame, target="churn")
    x = preprocessor().fit_transform(ChurnFeatures().fit_transform(features))
    y = (frame["churn"].astype(str) == "Yes").to_numpy()
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def mlp(features: int) -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(features, 64),
        torch.nn.ReLU(),
        torch.nn.Linear(64, 32),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 1),
        torch.nn.Flatten(0),
    )


def minimal(x: torch.Tensor, y: torch.Tensor, config: TrainConfig) -> torch.nn.Module:
    """The loop as a tutorial writes it, doing exactly our loop's arithmetic."""
    net = mlp(x.shape[1])
    data = torch.Generator().manual_seed(config.seed)
    n_valid = round(len(x) * config.valid_share)
    rows = torch.randperm(len(x), generator=data)
    train, vx, vy = rows[n_valid:], x[rows[:n_valid]], y[rows[:n_valid]]
    opt = torch.optim.AdamW(net.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=config.epochs)
    assert config.clip_norm is not None
    best, best_loss = None, math.inf
    for _ in range(config.epochs):
        order = train[torch.randperm(len(train), generator=data)]
        net.train()
        for i in range(0, len(order), config.batch_size):
            batch = order[i : i + config.batch_size]
            opt.zero_grad()
            BCE(net(x[batch]), y[batch]).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), config.clip_norm)
            opt.step()
        net.eval()
        with torch.no_grad():
            loss = float(BCE(net(vx), vy))
        if loss < best_loss:
            best, best_loss = {k: v.clone() for k, v in net.state_dict().items()}, loss
        schedule.step()
    assert best is not None
    net.load_state_dict(best)
    return net


@contextlib.contextmanager
def drawn_bar() -> Iterator[None]:
    """Our bar drawn as on a terminal (rich believes FORCE_COLOR), into /dev/null."""
    saved, os.environ["FORCE_COLOR"] = os.environ.get("FORCE_COLOR"), "1"
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        yield
    if saved is None:
        del os.environ["FORCE_COLOR"]
    else:
        os.environ["FORCE_COLOR"] = saved


def ours(
    x: torch.Tensor, y: torch.Tensor, config: TrainConfig, root: Path, *, bar: bool = False
) -> torch.nn.Module:
    net = mlp(x.shape[1])
    folder = Path(tempfile.mkdtemp(dir=root))  # a fresh folder: an old checkpoint would resume
    config = config.model_copy(update={"checkpoint_dir": folder})
    where = Tracking(uri=f"sqlite:///{root / 'mlflow.db'}", experiment="bench")
    with drawn_bar() if bar else contextlib.nullcontext():
        fit(net, BCE, x, y, config, tracking=where, progress=bar)
    return net


def seconds(train: Callable[[TrainConfig], object], config: TrainConfig) -> float:
    start = time.perf_counter()
    train(config)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x, y = churn()
    base = TrainConfig(epochs=args.epochs, patience=10**6)  # every epoch runs in both loops
    with tempfile.TemporaryDirectory(prefix="deep-loop-") as tmp:  # checkpoints, MLflow: gone after
        compare(x, y, base, Path(tmp), args.epochs, args.repeats, args.threads)


def compare(
    x: torch.Tensor,
    y: torch.Tensor,
    base: TrainConfig,
    root: Path,
    epochs: int,
    repeats: int,
    threads: int,
) -> None:
    ref, our = minimal(x, y, base), ours(x, y, base, root)  # also warms up MLflow and torch
    if not all(
        torch.equal(a, b)
        for a, b in zip(ref.state_dict().values(), our.state_dict().values(), strict=True)
    ):
        sys.exit("the two loops end with different weights: they do not do the same work")

    variants: dict[str, Callable[[TrainConfig], object]] = {
        "ours (save point every 10 s: the default)": lambda c: ours(x, y, c, root),
        "ours, a save point every epoch": lambda c: ours(
            x, y, c.model_copy(update={"save_every_s": 0.0}), root
        ),
        "ours, Rich bar drawn": lambda c: ours(x, y, c, root, bar=True),
    }
    short, long = base, base.model_copy(update={"epochs": 2 * epochs})
    print(
        f"churn MLP, {len(x):,} rows × {x.shape[1]}, batch {base.batch_size}, "
        f"{epochs} and {2 * epochs} epochs, median of {repeats} paired repeats; "
        f"torch {torch.__version__}, {threads} thread(s), "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    )
    print(f"{'loop':<44}{'ms/epoch':>10}{'minimal':>10}{'ratio':>8}{'once, ms':>10}")
    for name, train in variants.items():
        ratios, per_epoch, ref_epoch, once = [], [], [], []
        for r in range(repeats):
            pair = [("ref", lambda c: minimal(x, y, c)), ("ours", train)]
            timed: dict[str, tuple[float, float]] = {}
            for who, run in pair if r % 2 == 0 else reversed(pair):
                timed[who] = (seconds(run, short), seconds(run, long))
            slope = {who: (t2 - t1) / epochs for who, (t1, t2) in timed.items()}
            ratios.append(slope["ours"] / slope["ref"])
            per_epoch.append(slope["ours"])
            ref_epoch.append(slope["ref"])
            once.append(timed["ours"][0] - epochs * slope["ours"])
        print(
            f"{name:<44}{statistics.median(per_epoch) * 1e3:>10.1f}"
            f"{statistics.median(ref_epoch) * 1e3:>10.1f}{statistics.median(ratios):>8.3f}"
            f"{statistics.median(once) * 1e3:>10.0f}"
        )


if __name__ == "__main__":
    main()
