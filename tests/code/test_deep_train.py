"""The training loop of month 7: the same arithmetic as a hand-written loop, deterministic, early
stopping at the right epoch with the best weights, clipping that bounds the gradient, the
schedules, its metrics in MLflow, its bar on a terminal only, and clear errors for bad input.

Resuming, checkpoints and their errors are tests/code/test_deep_checkpoint.py's.
"""

from __future__ import annotations

import math
import os
import random
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import deep_train_child as child
import numpy as np
import pytest
import torch
from torch.optim.optimizer import register_optimizer_step_pre_hook

from aieng.deep import checkpoint as ckpt
from aieng.deep.train import (
    EarlyStopping,
    Tracking,
    TrainConfig,
    TrainingError,
    TrainingInterrupted,
    TrainResult,
    fit,
)
from aieng.errors import ConfigError, DataError, InputFileError, UsageError
from aieng.registry import tracking

SEEDS = [0, 1, 2]


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def blobs(seed: int, rows: int = 300, features: int = 5) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(100 + seed)
    x = torch.randn(rows, features, generator=g)
    y = (x @ torch.randn(features, generator=g) > 0).float()
    return x, y


def mlp(seed: int, features: int = 5) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(features, 12), torch.nn.Tanh(), torch.nn.Linear(12, 1), torch.nn.Flatten(0)
    )


def weights(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def same(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def without_time(result: TrainResult) -> list[dict[str, Any]]:
    return [{**e.__dict__, "seconds": 0} for e in result.history]


BCE = torch.nn.BCEWithLogitsLoss()


# -- the same arithmetic as the loop a learner writes by hand ---------------------------------


def hand_written(seed: int, config: TrainConfig) -> dict[str, torch.Tensor]:
    """The loop of the lesson, written out: the reference ``fit`` must match bit for bit."""
    x, y = blobs(seed)
    net = mlp(seed)
    data = torch.Generator().manual_seed(config.seed)
    n_valid = round(len(x) * config.valid_share)
    rows = torch.randperm(len(x), generator=data)
    train, vx, vy = rows[n_valid:], x[rows[:n_valid]], y[rows[:n_valid]]
    opt = torch.optim.AdamW(net.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=config.epochs)
    best, best_loss = weights(net), math.inf
    for _ in range(config.epochs):
        order = train[torch.randperm(len(train), generator=data)]
        net.train()
        for i in range(0, len(order), config.batch_size):
            batch = order[i : i + config.batch_size]
            opt.zero_grad()
            BCE(net(x[batch]), y[batch]).backward()
            if config.clip_norm is not None:
                torch.nn.utils.clip_grad_norm_(net.parameters(), config.clip_norm)
            opt.step()
        net.eval()
        with torch.no_grad():
            loss = float(BCE(net(vx), vy))
        if loss < best_loss:
            best, best_loss = weights(net), loss
        if config.schedule == "cosine":
            cosine.step()
    return best


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    "changes",
    [{}, {"schedule": "constant", "clip_norm": None}, {"batch_size": 7, "clip_norm": 0.05}],
    ids=["cosine-clipped", "constant-unclipped", "odd-batches-hard-clip"],
)
def test_fit_does_exactly_what_the_hand_written_loop_does(
    seed: int, changes: dict[str, Any]
) -> None:
    values = {"epochs": 6, "batch_size": 32, "lr": 0.02, "seed": seed, "patience": 100}
    config = TrainConfig(**{**values, **changes})
    x, y = blobs(seed)
    net = mlp(seed)
    fit(net, BCE, x, y, config, progress=False)
    assert same(weights(net), hand_written(seed, config))


def test_the_hand_written_comparison_can_fail() -> None:
    """A loop that skips clipping, or draws one batch less, ends elsewhere: the match means it."""
    config = TrainConfig(epochs=3, batch_size=32, lr=0.02, patience=100)
    x, y = blobs(0)
    net = mlp(0)
    fit(net, BCE, x, y, config, progress=False)
    assert not same(weights(net), hand_written(0, config.model_copy(update={"clip_norm": 0.05})))
    assert not same(weights(net), hand_written(0, config.model_copy(update={"batch_size": 33})))


# -- deterministic ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_the_same_seed_gives_the_same_weights_and_history_bit_for_bit(seed: int) -> None:
    first, a = child.train(None, seed=seed)
    torch.manual_seed(999), np.random.seed(999), random.seed(999)  # the world moved in between
    second, b = child.train(None, seed=seed)
    assert same(weights(first), weights(second))
    assert without_time(a) == without_time(b)
    other, _ = child.train(None, seed=seed + 10)
    assert not same(weights(first), weights(other))


# -- early stopping -----------------------------------------------------------------------------


class Scripted:
    """BCE while training; in validation (no gradient), the next value of a constructed curve.

    Keeps a copy of the weights at every validation, to check which epoch's the model ends with.
    """

    def __init__(self, model: torch.nn.Module, curve: list[float], start: int = 0) -> None:
        self.model, self.curve, self.calls = model, curve, start
        self.seen: dict[int, dict[str, torch.Tensor]] = {}

    def __call__(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if torch.is_grad_enabled():
            return BCE(out, y)
        self.calls += 1
        self.seen[self.calls] = weights(self.model)
        return torch.tensor(self.curve[self.calls - 1], dtype=torch.float64)


def expected_stop(curve: list[float], patience: int, min_delta: float) -> tuple[int, int]:
    """(best epoch, epochs run), from the rule as the lesson words it."""
    best = 1
    for epoch in range(2, len(curve) + 1):
        if curve[epoch - 1] < curve[best - 1] - min_delta:
            best = epoch
        elif epoch - best >= patience:
            return best, epoch
    return best, len(curve)


CURVES = [
    # curve, patience, min_delta, best epoch, epochs run
    ([1.0, 0.8, 0.7, 0.72, 0.69, 0.75, 0.71, 0.9, 0.5, 0.4], 3, 0.0, 5, 8),
    ([1.0, 0.9, 0.95, 0.5, 0.4], 1, 0.0, 2, 3),  # patience 1: the first bad epoch stops
    ([1.0, 1.1, 1.2, 0.99, 1.5, 1.6, 1.7], 3, 0.0, 4, 7),  # improved on the last chance
    ([1.0, 1.0, 1.0, 0.5], 2, 0.0, 1, 3),  # equal is not better
    ([1.0, 0.96, 0.97, 0.5], 2, 0.05, 1, 3),  # better by less than min_delta is not better
    ([1.0, 0.75, 0.5], 1, 0.25, 1, 2),  # nor by exactly min_delta
    ([1.0, float("nan"), float("nan"), 0.1], 2, 0.0, 1, 3),  # NaN never improves
    ([1.0, 0.9, 0.8, 0.7], 2, 0.0, 4, 4),  # always better: every epoch runs
]


@pytest.mark.parametrize(("curve", "patience", "delta", "best", "ran"), CURVES)
def test_early_stopping_stops_at_the_right_epoch_and_keeps_the_best_weights(
    curve: list[float], patience: int, delta: float, best: int, ran: int
) -> None:
    assert expected_stop(curve, patience, delta) == (best, ran)  # the test's own reading
    x, y = blobs(0)
    net = mlp(0)
    script = Scripted(net, curve)
    config = TrainConfig(
        epochs=len(curve), patience=patience, min_delta=delta, lr=0.05, schedule="constant"
    )
    result = fit(net, script, x, y, config, progress=False)
    assert (result.best_epoch, len(result.history)) == (best, ran)
    assert result.stopped == ("patience" if ran - best >= patience else "epochs")
    assert result.best_valid_loss == curve[best - 1]
    assert same(weights(net), script.seen[best])
    if best != ran:
        assert not same(weights(net), script.seen[ran])  # the last epoch's are other weights


@pytest.mark.parametrize("seed", range(8))
def test_early_stopping_on_random_curves_follows_the_rule(seed: int) -> None:
    rng = np.random.default_rng(seed)
    curve = list(np.cumsum(rng.normal(-0.02, 0.05, size=15)) + 1.0)
    patience, delta = int(rng.integers(1, 5)), float(rng.choice([0.0, 0.01]))
    stop = EarlyStopping(patience, delta)
    ran = 0
    for epoch, loss in enumerate(curve, start=1):
        stop.update(epoch, loss)
        ran = epoch
        if stop.should_stop:
            break
    assert (stop.best_epoch, ran) == expected_stop(curve, patience, delta)


def test_early_stopping_counters_survive_an_interruption(tmp_path: Path) -> None:
    """Interrupted two epochs after the best, within the patience: the resume stops on time."""
    curve, x, y = [1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.73, 0.9, 0.5, 0.4], *blobs(0)
    config = TrainConfig(epochs=10, patience=4, lr=0.05, checkpoint_dir=tmp_path, save_every_s=0)
    reference_net = mlp(0)
    reference = fit(
        reference_net,
        Scripted(reference_net, curve),
        x,
        y,
        config.model_copy(update={"checkpoint_dir": None}),
        progress=False,
    )
    net = mlp(0)
    script = Scripted(net, curve)

    def stop_after_epoch_5(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        value = script(out, y)
        if script.calls == 5 and not torch.is_grad_enabled():
            os.kill(os.getpid(), signal.SIGINT)
        return value

    with pytest.raises(TrainingInterrupted):
        fit(net, stop_after_epoch_5, x, y, config, progress=False)
    saved = ckpt.read(tmp_path / ckpt.LAST)
    assert (saved["epoch"], saved["stopping"]["bad_epochs"]) == (5, 2)
    net = mlp(0)
    result = fit(net, Scripted(net, curve, start=5), x, y, config, progress=False)
    assert result.resumed_at == (5, 0)
    assert (
        (result.best_epoch, len(result.history))
        == (3, 7)
        == (
            reference.best_epoch,
            len(reference.history),
        )
    )
    assert same(weights(net), weights(reference_net))


# -- clipping -----------------------------------------------------------------------------------


@pytest.fixture
def step_norms() -> Iterator[list[float]]:
    """The whole gradient's L2 norm as each optimizer.step() sees it (after any clipping)."""
    norms: list[float] = []

    def record(optimizer: torch.optim.Optimizer, args: Any, kwargs: Any) -> None:
        grads = [p.grad for g in optimizer.param_groups for p in g["params"] if p.grad is not None]
        norms.append(float(torch.linalg.vector_norm(torch.stack([g.norm() for g in grads]))))

    handle = register_optimizer_step_pre_hook(record)
    yield norms
    handle.remove()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("clip", [0.01, 0.1, 0.3])
def test_clipping_bounds_the_norm_of_every_step(
    step_norms: list[float], seed: int, clip: float
) -> None:
    x, y = blobs(seed)
    x = x * 30.0  # unscaled inputs: large gradients
    config = TrainConfig(epochs=3, lr=0.01, clip_norm=clip, seed=seed)
    result = fit(mlp(seed), BCE, x, y, config, progress=False)
    assert len(step_norms) == 3 * math.ceil(240 / 64)
    assert max(step_norms) <= clip * (1 + 1e-5)
    first = result.history[0]
    assert first.grad_norm is not None and first.clipped is not None
    assert 0 < first.clipped <= 1
    if first.clipped == 1:
        assert first.grad_norm > clip  # every step shortened: the raw norms were all larger


def test_without_clipping_the_same_steps_exceed_the_bound(step_norms: list[float]) -> None:
    x, y = blobs(0)
    config = TrainConfig(epochs=3, lr=0.01, clip_norm=None)
    result = fit(mlp(0), BCE, x * 30.0, y, config, progress=False)
    assert max(step_norms) > 0.3  # so the test above could fail
    assert result.history[0].grad_norm is None and result.history[0].clipped is None


# -- schedules ----------------------------------------------------------------------------------


def test_the_cosine_schedule_goes_from_lr_towards_zero() -> None:
    x, y = blobs(0)
    config = TrainConfig(epochs=8, lr=0.01, patience=100, schedule="cosine")
    result = fit(mlp(0), BCE, x, y, config, progress=False)
    expected = [0.01 * (1 + math.cos(math.pi * e / 8)) / 2 for e in range(8)]
    assert [e.lr for e in result.history] == pytest.approx(expected, rel=1e-9)


def test_the_plateau_schedule_halves_lr_after_half_the_patience() -> None:
    net = mlp(0)
    curve = [1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0]
    config = TrainConfig(epochs=8, lr=0.01, patience=6, schedule="plateau")
    result = fit(net, Scripted(net, curve), *blobs(0), config, progress=False)
    lrs = [e.lr for e in result.history]
    # best at epoch 2; three bad epochs (patience // 2 = 3) are allowed, the fourth halves lr
    assert lrs == pytest.approx([0.01] * 6 + [0.005] * 2)


# -- MLflow ---------------------------------------------------------------------------------------


def _history(client: Any, run_id: str, metric: str) -> dict[int, float]:
    return {m.step: m.value for m in client.get_metric_history(run_id, metric)}


def test_each_epoch_is_logged_to_the_store_month_6_uses(aieng_home: Path) -> None:
    x, y = blobs(0)
    accuracy = {"accuracy": lambda out, t: float(((out > 0).float() == t).float().mean())}
    config = TrainConfig(epochs=4, patience=100)
    result = fit(mlp(0), BCE, x, y, config, metrics=accuracy, tracking=Tracking(), progress=False)
    assert result.run_id is not None
    client = tracking.connect()  # the default: the embedded store under $AIENG_HOME
    assert tracking.default_uri() == client.tracking_uri
    run = client.get_run(result.run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params["lr"] == "0.001" and run.data.params["schedule"] == "cosine"
    assert run.data.tags[tracking.CONFIG_HASH] == config.digest()
    assert run.data.tags[tracking.DATA_HASH] == ckpt.data_digest([x, y])
    for name, field in [("train_loss", "train_loss"), ("valid_loss", "valid_loss"), ("lr", "lr")]:
        assert _history(client, result.run_id, name) == {
            e.epoch: getattr(e, field) for e in result.history
        }
    assert _history(client, result.run_id, "valid_accuracy") == {
        e.epoch: e.metrics["accuracy"] for e in result.history
    }
    assert set(_history(client, result.run_id, "grad_norm")) == {1, 2, 3, 4}


def test_an_interrupted_run_is_killed_in_mlflow_and_the_resume_finishes_the_same_run(
    tmp_path: Path,
) -> None:
    where = Tracking(uri=f"sqlite:///{tmp_path / 'mlflow.db'}", experiment="m07-test")
    folder = tmp_path / "ck"

    def run(**kw: Any) -> tuple[torch.nn.Module, TrainResult]:
        net = child.model()
        x, y = child.data()
        result = fit(net, BCE, x, y, child.config(folder), tracking=where, progress=False, **kw)
        return net, result

    def interrupt_at_20() -> Any:
        calls = [0]

        def augment(xb: torch.Tensor) -> torch.Tensor:
            calls[0] += 1
            if calls[0] == 20:
                os.kill(os.getpid(), signal.SIGINT)
            return xb

        return augment

    with pytest.raises(TrainingInterrupted):
        run(augment=interrupt_at_20())
    client = tracking.connect(where.uri)
    (killed,) = client.search_runs([tracking.experiment_id(client, "m07-test")])
    assert killed.info.status == "KILLED"
    assert set(_history(client, killed.info.run_id, "valid_loss")) == {1}
    _, result = run(augment=lambda xb: xb)
    assert result.run_id == killed.info.run_id
    assert client.get_run(result.run_id).info.status == "FINISHED"
    logged = _history(client, result.run_id, "valid_loss")
    assert logged == {e.epoch: e.valid_loss for e in result.history}


# -- the progress bar -----------------------------------------------------------------------------


def test_no_bar_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    fit(mlp(0), BCE, *blobs(0), TrainConfig(epochs=2), progress=True)
    assert capsys.readouterr() == ("", "")


def test_on_a_terminal_a_line_per_epoch_on_stderr_and_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # what rich reads to treat the stream as a terminal
    monkeypatch.setenv("COLUMNS", "100")
    fit(mlp(0), BCE, *blobs(0), TrainConfig(epochs=3), label="[red]mlp", progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    plain = _without_escapes(err)
    for epoch in (1, 2, 3):
        assert f"[red]mlp epoch {epoch}/3  train " in plain  # the label as written, not markup
    assert "valid " in plain and "lr 1.0e-03" in plain


def _without_escapes(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


# -- bad input ----------------------------------------------------------------------------------


def test_a_config_from_toml_values_is_strict_and_says_which_key() -> None:
    assert TrainConfig.from_mapping({"epochs": 5, "checkpoint_dir": "runs/a"}).checkpoint_dir == (
        Path("runs/a")
    )
    with pytest.raises(ConfigError, match=r"bad value for 'epochs'.*got '10'"):
        TrainConfig.from_mapping({"epochs": "10"})
    with pytest.raises(ConfigError, match=r"unknown key 'patiance'; did you mean 'patience'"):
        TrainConfig.from_mapping({"patiance": 3})
    for bad in ({"valid_share": 1.0}, {"clip_norm": 0}, {"lr": float("inf")}, {"epochs": 0}):
        with pytest.raises(ConfigError, match=f"bad value for '{next(iter(bad))}'"):
            TrainConfig.from_mapping(bad)
    with pytest.raises(ConfigError, match=r"bad value for 'schedule'"):
        TrainConfig.from_mapping({"schedule": "linear"})


def test_fingerprint_leaves_out_only_where_and_how_often_to_save() -> None:
    keys = set(TrainConfig().fingerprint())
    assert keys == set(TrainConfig.model_fields) - {"checkpoint_dir", "save_every_s"}


@pytest.mark.parametrize(
    ("x", "y", "error", "message"),
    [
        (np.zeros((10, 5)), torch.zeros(10), DataError, "x must be a torch.Tensor, got ndarray"),
        (torch.zeros(10, 5), torch.zeros(9), DataError, "x has 10 rows but y has 9"),
        (torch.zeros(0, 5), torch.zeros(0), DataError, r"x has no rows \(shape \(0, 5\)\)"),
        (torch.tensor(1.0), torch.zeros(1), DataError, "x has no rows"),
        (torch.zeros(2, 5), torch.zeros(2), DataError, "2 rows with valid_share 0.2 leave 0"),
    ],
    ids=["numpy", "lengths", "empty", "scalar", "too-few-rows"],
)
def test_bad_data_is_refused_before_any_work(x: Any, y: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        fit(mlp(0), BCE, x, y, TrainConfig(epochs=1), progress=False)
    assert caught.value.hint


def test_a_nan_anywhere_in_the_inputs_is_counted_and_refused() -> None:
    x, y = blobs(0)
    x[3, 1], x[7, 0] = float("nan"), float("inf")
    with pytest.raises(DataError, match="x holds 2 NaN or infinite values"):
        fit(mlp(0), BCE, x, y, progress=False)
    with pytest.raises(DataError, match=r"valid\[1\] holds 1 NaN"):
        clean = blobs(1)[0][:5]
        fit(mlp(0), BCE, *blobs(0), valid=(clean, torch.tensor([0, 1, float("nan"), 0, 1])))


def test_a_model_with_nothing_to_train_and_a_bad_metric_name_are_usage_errors() -> None:
    frozen = mlp(0).requires_grad_(False)
    with pytest.raises(UsageError, match="has no trainable weights"):
        fit(frozen, BCE, *blobs(0), progress=False)
    with pytest.raises(UsageError, match=r"must be a torch\.nn\.Module"):
        fit(lambda t: t, BCE, *blobs(0), progress=False)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="metric name 'roc auc'"):
        fit(mlp(0), BCE, *blobs(0), metrics={"roc auc": lambda o, t: 0.0}, progress=False)


def test_a_checkpoint_folder_that_cannot_be_written_is_refused_before_training(
    tmp_path: Path, step_norms: list[float]
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    config = TrainConfig(epochs=2, checkpoint_dir=in_the_way / "ck")
    with pytest.raises(InputFileError, match="is a file, not a folder"):
        fit(mlp(0), BCE, *blobs(0), config, progress=False)
    assert step_norms == []  # not one step was taken


def test_a_loss_that_is_not_one_number_is_named() -> None:
    per_row = torch.nn.BCEWithLogitsLoss(reduction="none")
    with pytest.raises(TrainingError, match=r"shape \(64,\), not one number") as caught:
        fit(mlp(0), per_row, *blobs(0), progress=False)
    assert "reduction='mean'" in caught.value.hint


def test_a_diverging_run_stops_with_the_best_weights_so_far() -> None:
    x, y = blobs(0)
    net = mlp(0)
    calls = [0]

    def blows_up_in_epoch_3(out: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        calls[0] += torch.is_grad_enabled()
        value = BCE(out, t)
        return value * float("nan") if calls[0] > 2 * 4 + 1 else value  # 4 batches an epoch

    with pytest.raises(TrainingError, match=r"became nan at epoch 3, batch 2; the model holds"):
        fit(net, blows_up_in_epoch_3, x, y, TrainConfig(epochs=5, lr=0.05), progress=False)
    assert all(bool(torch.isfinite(w).all()) for w in net.state_dict().values())


def test_explicit_validation_rows_are_the_ones_scored_and_every_row_of_x_trains(
    step_norms: list[float],
) -> None:
    x, y = blobs(0)
    vx, vy = blobs(1, rows=50)
    net = mlp(0)
    config = TrainConfig(epochs=3, patience=100, schedule="constant")
    result = fit(net, BCE, x, y, config, valid=(vx, vy), progress=False)
    assert len(step_norms) == 3 * math.ceil(300 / 64)  # all 300 rows, none held out
    net.eval()
    with torch.no_grad():
        assert float(BCE(net(vx), vy)) == result.best_valid_loss
