"""An interrupted training resumes to exactly the weights of an uninterrupted one; a damaged or
foreign checkpoint is refused with a clear error, never silently restarted over.

The run is tests/code/deep_train_child.py's: dropout, an augmentation drawing from torch's,
NumPy's and Python's generators, a cosine schedule, AdamW. The child is killed for real
(SIGKILL, SIGINT, SIGTERM); the in-process tests interrupt with a real SIGINT sent to this very
process from inside a batch, and then resume without one piece of the state, to show that the
equality the others assert is not one a partial checkpoint could pass.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import deep_train_child as child
import pytest
import torch
from killtest import AckReader, sigkill_after
from safetensors.torch import load_file, save

from aieng.deep import checkpoint as ckpt
from aieng.deep.checkpoint import CheckpointError
from aieng.deep.train import TrainingInterrupted, TrainResult
from aieng.errors import InputFileError

CHILD = Path(__file__).with_name("deep_train_child.py")


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    """The child trains on one thread; bit-identical weights need the same here."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], TrainResult]:
    torch.set_num_threads(1)
    net, result = child.train(tmp_path_factory.mktemp("reference"))
    return net.state_dict(), result


def assert_same_run(
    weights: dict[str, torch.Tensor],
    result: TrainResult,
    reference: tuple[dict[str, Any], TrainResult],
) -> None:
    ref_weights, ref_result = reference
    assert weights.keys() == ref_weights.keys()
    for name, tensor in weights.items():
        assert torch.equal(tensor, ref_weights[name]), f"{name} differs from the uninterrupted run"
    strip = [{**e.__dict__, "seconds": 0} for e in result.history]
    assert strip == [{**e.__dict__, "seconds": 0} for e in ref_result.history]
    assert (result.best_epoch, result.stopped) == (ref_result.best_epoch, ref_result.stopped)


PAUSE_AT = 2 * child.BATCHES + 7  # the 7th batch of the 3rd epoch: the child waits there


def _spawn(folder: Path, out: Path, err: Path) -> subprocess.Popen[str]:
    with err.open("w") as stderr:
        return subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), str(out), str(PAUSE_AT)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )


# -- killed for real ------------------------------------------------------------------------------


def test_a_run_killed_with_sigkill_resumes_to_the_weights_of_an_uninterrupted_one(
    tmp_path: Path, uninterrupted: tuple[dict[str, Any], TrainResult]
) -> None:
    folder = tmp_path / "ck"
    victim = _spawn(folder, tmp_path / "never.safetensors", tmp_path / "child.err")
    assert victim.stdout is not None
    acked = sigkill_after(victim, AckReader(victim.stdout), n_acks=PAUSE_AT)
    assert victim.returncode == -signal.SIGKILL, (tmp_path / "child.err").read_text()
    assert len(acked) == PAUSE_AT  # killed in the third epoch, its batch 7 under way
    saved = ckpt.read(folder / ckpt.LAST)  # the last save point: the end of epoch 2
    assert (saved["epoch"], saved["batch"]) == (2, 0)

    net, result = child.train(folder)

    assert result.resumed_at == (2, 0)
    assert_same_run(net.state_dict(), result, uninterrupted)
    best = load_file(str(folder / ckpt.BEST))  # best.safetensors: the model's final weights
    assert all(torch.equal(best[k], v) for k, v in net.state_dict().items())


@pytest.mark.parametrize(
    ("sig", "code"),
    [(signal.SIGINT, 130), pytest.param(signal.SIGTERM, 143, marks=pytest.mark.slow)],
    ids=["sigint", "sigterm"],
)
def test_ctrl_c_or_sigterm_saves_mid_epoch_and_exits_cleanly_and_the_resume_is_exact(
    tmp_path: Path, uninterrupted: tuple[dict[str, Any], TrainResult], sig: int, code: int
) -> None:
    folder, err = tmp_path / "ck", tmp_path / "child.err"
    victim = _spawn(folder, tmp_path / "never.safetensors", err)
    assert victim.stdout is not None
    AckReader(victim.stdout).wait_for(PAUSE_AT, timeout_s=60)  # the child waits in that batch
    victim.send_signal(sig)
    assert victim.wait(timeout=60) == code
    message = err.read_text()
    assert "training stopped by" in message and "resume it" in message, message
    assert "Traceback" not in message
    saved = ckpt.read(folder / ckpt.LAST)
    assert (saved["epoch"], saved["batch"]) == (2, 7)  # mid-epoch: once batch 7 was done

    net, result = child.train(folder)

    assert result.resumed_at == (2, 7)
    assert_same_run(net.state_dict(), result, uninterrupted)


@pytest.mark.slow  # 3.5 s, a process of its own
def test_the_child_run_itself_matches_the_in_process_one(
    tmp_path: Path, uninterrupted: tuple[dict[str, Any], TrainResult]
) -> None:
    """The comparisons above mix processes; this shows a process alone changes no weight."""
    out = tmp_path / "final.safetensors"
    done = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "ck"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    weights = load_file(str(out))
    assert all(torch.equal(weights[k], v) for k, v in uninterrupted[0].items())


# -- interrupted in-process, resumed with a piece missing -----------------------------------------


def _interrupt_at(batch: int) -> Callable[[], None]:
    """An on-batch hook that sends this process a real SIGINT at the ``batch``-th batch."""
    seen = [0]

    def hook() -> None:
        seen[0] += 1
        if seen[0] == batch:
            os.kill(os.getpid(), signal.SIGINT)

    return hook


def interrupted(folder: Path, batch: int = 2 * child.BATCHES + 5) -> None:
    with pytest.raises(TrainingInterrupted) as caught:
        child.train(folder, on_batch=_interrupt_at(batch))
    assert caught.value.exit_code == 130


def test_an_in_process_interrupt_resumes_exactly_and_restores_the_signal_handlers(
    tmp_path: Path, uninterrupted: tuple[dict[str, Any], TrainResult]
) -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    interrupted(tmp_path)
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    net, result = child.train(tmp_path)
    assert result.resumed_at == (2, 5)
    assert_same_run(net.state_dict(), result, uninterrupted)
    again, rerun = child.train(tmp_path)  # a finished run: its result, not a new training
    assert rerun.resumed_at == (child.EPOCHS, 0)
    assert_same_run(again.state_dict(), rerun, uninterrupted)


def _fresh_optimizer(state: dict[str, Any]) -> None:
    state["optimizer"]["state"] = {}  # AdamW's moments and step counts, lost


def _other_order(state: dict[str, Any]) -> None:
    state["order"] = torch.Generator().manual_seed(99).get_state()


def _elsewhere() -> dict[str, Any]:
    """The generators as a new process would find them (here: seeded otherwise), not as saved.

    In this process the generators stand exactly where the interrupted run left them, which is
    where the checkpoint says: "not restored" would go unnoticed without moving them first.
    """
    ckpt.seed_rng(12345)
    return ckpt.capture_rng()


def _no_rng(state: dict[str, Any]) -> None:
    state["rng"] = _elsewhere()


def _one_rng(name: str) -> Callable[[dict[str, Any]], None]:
    def drop(state: dict[str, Any]) -> None:
        state["rng"][name] = _elsewhere()[name]

    return drop


def _restart_schedule(state: dict[str, Any]) -> None:
    state["scheduler"]["last_epoch"] = 0


def _no_partial(state: dict[str, Any]) -> None:
    state["partial"] = {k: 0 for k in state["partial"]}


LOSSES: dict[str, Callable[[dict[str, Any]], None]] = {
    "optimizer": _fresh_optimizer,
    "order": _other_order,
    "all generators": _no_rng,
    "torch generator": _one_rng("torch"),
    "numpy generator": _one_rng("numpy"),
    "python generator": _one_rng("python"),
    "schedule": _restart_schedule,
    "epoch sums": _no_partial,
}


@pytest.mark.parametrize("lost", LOSSES)
def test_a_resume_that_loses_one_piece_of_the_state_ends_elsewhere(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    uninterrupted: tuple[dict[str, Any], TrainResult],
    lost: str,
) -> None:
    interrupted(tmp_path)
    real_read = ckpt.read

    def read_without(path: Path) -> dict[str, Any]:
        state = real_read(path)
        LOSSES[lost](state)
        return state

    monkeypatch.setattr(ckpt, "read", read_without)
    net, result = child.train(tmp_path)
    with pytest.raises(AssertionError):
        assert_same_run(net.state_dict(), result, uninterrupted)


# -- damaged, foreign, half-written ---------------------------------------------------------------


@pytest.fixture
def saved_run(tmp_path: Path) -> Path:
    """A checkpoint folder interrupted mid-run (SIGINT in process)."""
    interrupted(tmp_path, batch=child.BATCHES + 3)
    return tmp_path


def _flip_byte(path: Path, at: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[at] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "not a readable"),
        (lambda p: p.write_bytes(b""), "not a readable"),
        (lambda p: p.write_bytes(b"\x00" * 64), "not a readable"),
        (lambda p: _flip_byte(p, -100), "do not match the checksum"),  # inside a tensor
        (lambda p: _flip_byte(p, -1), "do not match the checksum"),  # its very last byte
    ],
    ids=["truncated", "empty", "zeros", "bit-flip", "last-byte"],
)
def test_a_damaged_checkpoint_is_refused_with_what_where_and_what_to_do(
    saved_run: Path, damage: Callable[[Path], None], why: str
) -> None:
    last = saved_run / ckpt.LAST
    damage(last)
    before = last.read_bytes()
    with pytest.raises(CheckpointError) as caught:
        child.train(saved_run)
    err = caught.value
    assert "is damaged" in err.message and why in err.message and str(last) in err.message
    assert "delete" in err.hint and str(saved_run) in err.hint
    assert last.read_bytes() == before  # never overwritten by a silent restart


def test_a_checksum_over_the_json_state_catches_an_edited_counter(saved_run: Path) -> None:
    last = saved_run / ckpt.LAST
    raw = last.read_bytes()
    edited = raw.replace(b'\\"bad_epochs\\": 0', b'\\"bad_epochs\\": 9')
    assert edited != raw and len(edited) == len(raw)
    last.write_bytes(edited)
    with pytest.raises(CheckpointError, match="do not match the checksum"):
        child.train(saved_run)


def test_a_safetensors_file_that_is_not_a_checkpoint_is_refused(saved_run: Path) -> None:
    last = saved_run / ckpt.LAST
    last.write_bytes(save({"w": torch.zeros(3)}, metadata={"format": "someone else's"}))
    with pytest.raises(CheckpointError, match=r"not an aieng training checkpoint.*someone else's"):
        child.train(saved_run)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"lr": 0.02}, r"other settings \(lr was 0.01, is now 0.02\)"),
        ({"seed": 1}, r"other settings \(seed was 0, is now 1\)"),
        ({"epochs": 7, "patience": 3}, r"epochs was 6, is now 7; patience was 100, is now 3"),
        ({"clip_norm": None}, r"clip_norm was 1.0, is now None"),
    ],
)
def test_a_checkpoint_of_other_settings_is_refused_naming_them(
    saved_run: Path, change: dict[str, Any], expected: str
) -> None:
    with pytest.raises(CheckpointError, match=expected) as caught:
        child.train(saved_run, **change)
    assert "resume with the settings it was made with" in caught.value.hint


def test_where_and_how_often_to_save_are_not_settings_of_the_run(
    saved_run: Path, uninterrupted: tuple[dict[str, Any], TrainResult]
) -> None:
    moved = saved_run.parent / "moved"
    saved_run.rename(moved)
    net, result = child.train(moved, save_every_s=3600.0)
    assert result.resumed_at is not None
    assert_same_run(net.state_dict(), result, uninterrupted)


def test_a_checkpoint_of_another_model_is_refused_naming_the_weight(
    saved_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def wider() -> torch.nn.Module:
        torch.manual_seed(0)
        return torch.nn.Sequential(
            torch.nn.Linear(child.FEATURES, 32),
            torch.nn.ReLU(),
            torch.nn.Dropout(0.2),
            torch.nn.Linear(32, 1),
            torch.nn.Flatten(0),
        )

    monkeypatch.setattr(child, "model", wider)
    with pytest.raises(CheckpointError, match=r"another model \(0.weight: \(16, 8\) float32 there"):
        child.train(saved_run)


def test_a_checkpoint_of_other_data_is_refused(
    saved_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    x, y = child.data()
    monkeypatch.setattr(child, "data", lambda: (x, 1.0 - y))
    with pytest.raises(CheckpointError, match="made on other data") as caught:
        child.train(saved_run)
    assert "same rows in the same order" in caught.value.hint


def test_a_crash_while_writing_a_checkpoint_leaves_the_last_good_one(
    saved_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = saved_run / ckpt.LAST
    good = last.read_bytes()

    def dies_mid_write(self: Path, data: bytes) -> int:
        with open(self, "wb") as fh:  # half the bytes reach the temporary file, then the disk fills
            fh.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", dies_mid_write)
    with pytest.raises(InputFileError, match="No space left on device"):
        child.train(saved_run)  # resumes, then fails at its first save point
    monkeypatch.undo()
    assert last.read_bytes() == good
    assert sorted(p.name for p in saved_run.iterdir()) == [ckpt.BEST, ckpt.LAST]  # no debris
    assert ckpt.read(last)["batch"] == 3


# -- the codec ------------------------------------------------------------------------------------


def test_the_codec_keeps_int_keys_tuples_arrays_and_floats_bit_for_bit() -> None:
    import numpy as np

    state = {
        "opt": {0: {"step": torch.tensor(3.0)}, 7: {"m": torch.arange(4.0)}},
        "pair": (1, (2.5, None)),
        "arr": np.arange(5, dtype=np.uint32),
        "floats": [0.1, 1 / 3, float("inf"), -0.0, 5e-324],
        "$odd": True,
    }
    tensors: dict[str, torch.Tensor] = {}
    doc = json.loads(json.dumps(ckpt.pack(state, tensors)))
    back = ckpt.unpack(doc, tensors)
    assert set(back["opt"]) == {0, 7}
    assert torch.equal(back["opt"][7]["m"], torch.arange(4.0))
    assert back["pair"] == (1, (2.5, None))
    assert back["arr"].dtype == np.uint32 and back["arr"].tolist() == [0, 1, 2, 3, 4]
    assert [float.hex(v) for v in back["floats"]] == [float.hex(v) for v in state["floats"]]
    assert back["$odd"] is True
    with pytest.raises(TypeError, match="cannot checkpoint a set"):
        ckpt.pack({"x": {1, 2}}, {})
