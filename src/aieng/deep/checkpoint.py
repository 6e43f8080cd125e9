"""A training run on disk: one safetensors file that holds everything a resume needs.

**The idea.** Resuming a training run so that it ends with *exactly* the weights an
uninterrupted run ends with needs far more than the weights. It needs the optimizer's moments
(AdamW's two running averages per weight), the schedule's position, the epoch and the batch
reached, the early-stopping counters and the best weights so far, the order the rows are drawn
in, and every random generator a step may draw from (dropout and augmentation use torch's,
NumPy's or Python's). Leave out any one of them and the resumed run is merely *similar*;
``tests/code/test_deep_train.py`` proves each one matters by resuming without it.

**The design.** All of it goes into one ``last.safetensors`` file: the tensors (weights, moments,
generator states) as safetensors tensors, and everything else (counters, history, settings) as
JSON in the file's metadata. safetensors rather than ``torch.save``: a pickle runs code when it
is loaded, a safetensors file is only data, so a checkpoint from anywhere is safe to open.

- *Atomic*: the file is written beside its target and renamed over it (:mod:`aieng.io`), so a
  crash or a ``kill -9`` mid-write leaves the last good checkpoint whole.
- *Checked*: safetensors has no checksum, and a flipped bit in a moment tensor would resume
  silently into another run. The metadata carries a sha256 of the JSON and of every tensor's
  bytes, checked before anything is used. For the churn MLP (89 kB of tensors, 17 kB of JSON)
  the hash takes 0.2 ms of the 0.8 ms a checkpoint takes to encode; writing it, fsync
  included, takes 0.5 ms more (medians of 50).
- *Matched*: a checkpoint belongs to one model, one dataset and one config. Resuming with
  another of any is refused with what differs, never a silent restart from scratch.

The JSON codec below keeps what plain JSON would lose: the optimizer's state is a dict keyed by
*int* (JSON would make them strings, and ``load_state_dict`` would then drop every moment
without a word), Python's generator state is a tuple, NumPy's holds an array.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import save

from aieng.errors import AiengError
from aieng.io import atomic_paths

FORMAT = "aieng.deep.train/1"  # a reader refuses any other: the layout below may change
WEIGHTS_FORMAT = "aieng.deep.weights/1"  # best.safetensors: a plain state_dict, for anyone
LAST = "last.safetensors"  # everything a resume needs
BEST = "best.safetensors"  # the best weights only: safetensors.torch.load_file + load_state_dict
START_OVER = (
    "to start a new training instead, delete {folder} or give another checkpoint_dir: aieng "
    "never discards a checkpoint by itself."
)


class CheckpointError(AiengError):
    """A checkpoint cannot be resumed: damaged, not ours, or made by another run."""


# -- the codec: nested state <-> (JSON, named tensors) ----------------------------------------


def pack(obj: Any, tensors: dict[str, torch.Tensor], name: str = "") -> Any:
    """``obj`` as JSON-able values; its tensors are moved into ``tensors`` under dotted names.

    Tensors are cloned: a state_dict's tensors are the live weights (the next step would change
    what is being written), and safetensors refuses tensors that share memory (tied weights).
    """
    if isinstance(obj, torch.Tensor):
        tensors[name] = obj.detach().clone().contiguous()
        return {"$tensor": name}
    if isinstance(obj, np.ndarray):
        return {"$ndarray": [obj.dtype.str, obj.tolist()]}
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, tuple | list):
        if all(type(v) in _PLAIN for v in obj):  # Python's generator state: 625 ints at once
            items = list(obj)  # (one call per int made a checkpoint 2.5 ms to encode, not 0.8)
        else:
            items = [pack(v, tensors, _join(name, i)) for i, v in enumerate(obj)]
        return {"$tuple": items} if isinstance(obj, tuple) else items
    if isinstance(obj, Mapping):
        if all(isinstance(k, str) and not k.startswith("$") for k in obj):
            return {k: pack(v, tensors, _join(name, k)) for k, v in obj.items()}
        return {
            "$pairs": [[pack(k, tensors), pack(v, tensors, _join(name, k))] for k, v in obj.items()]
        }
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    raise TypeError(f"cannot checkpoint a {type(obj).__name__} at {name!r}")


_PLAIN = {type(None), bool, int, float, str}  # JSON as they are


def unpack(doc: Any, tensors: Mapping[str, torch.Tensor]) -> Any:
    """The inverse of :func:`pack`."""
    if isinstance(doc, list):
        return [unpack(v, tensors) for v in doc]
    if not isinstance(doc, dict):
        return doc
    if "$tensor" in doc:
        return tensors[doc["$tensor"]]
    if "$ndarray" in doc:
        dtype, values = doc["$ndarray"]
        return np.asarray(values, dtype=np.dtype(dtype))
    if "$tuple" in doc:
        return tuple(unpack(v, tensors) for v in doc["$tuple"])
    if "$pairs" in doc:
        return {unpack(k, tensors): unpack(v, tensors) for k, v in doc["$pairs"]}
    return {k: unpack(v, tensors) for k, v in doc.items()}


def _join(name: str, key: object) -> str:
    return f"{name}.{key}" if name else str(key)


def _digest(tensors: Mapping[str, torch.Tensor], doc: str) -> str:
    h = hashlib.sha256(doc.encode())
    for name in sorted(tensors):
        t = tensors[name]
        h.update(f"\0{name}\0{t.dtype}\0{tuple(t.shape)}\0".encode())
        h.update(t.contiguous().reshape(-1).view(torch.uint8).numpy().data)  # the raw bytes
    return h.hexdigest()


# -- the generators ---------------------------------------------------------------------------


def capture_rng() -> dict[str, Any]:
    """The state of the three global generators a training step may draw from."""
    return {
        "torch": torch.get_rng_state(),  # dropout, torch.randn in an augmentation
        "numpy": np.random.get_state(),  # np.random.* in an augmentation
        "python": random.getstate(),  # random.* (a coin flip per batch, say)
    }


def restore_rng(state: Mapping[str, Any]) -> None:
    """Put the generators back as :func:`capture_rng` found them."""
    torch.set_rng_state(state["torch"])
    np.random.set_state(state["numpy"])
    random.setstate(state["python"])


def seed_rng(seed: int) -> None:
    """Seed all three global generators (a fresh run starts from here)."""
    torch.manual_seed(seed)
    np.random.seed(seed % 2**32)  # NumPy's legacy seeder takes 0 <= seed < 2**32
    random.seed(seed)


# -- files ------------------------------------------------------------------------------------


def encode(state: Mapping[str, Any]) -> bytes:
    """``state`` (nested dicts, lists, tuples, tensors, arrays, scalars) as safetensors bytes."""
    tensors: dict[str, torch.Tensor] = {}
    doc = json.dumps(pack(state, tensors))  # floats as repr: they read back bit for bit
    metadata = {"format": FORMAT, "state": doc, "sha256": _digest(tensors, doc)}
    return save(tensors, metadata=metadata)


def weights_bytes(weights: Mapping[str, torch.Tensor], facts: Mapping[str, str]) -> bytes:
    """A plain state_dict file (best.safetensors), with ``facts`` (epoch, loss) as metadata."""
    plain = {k: v.detach().clone().contiguous() for k, v in weights.items()}
    return save(plain, metadata={"format": WEIGHTS_FORMAT, **facts})


def write(files: Mapping[Path, bytes]) -> None:
    """Write every file atomically, all or none: a crash mid-write keeps the previous ones."""
    targets = list(files)
    with atomic_paths(targets) as tmps:
        for tmp, target in zip(tmps, targets, strict=True):
            tmp.write_bytes(files[target])


def read(path: Path) -> dict[str, Any]:
    """The state :func:`encode` wrote to ``path``, after checking that it is whole and ours."""
    try:
        with safe_open(str(path), framework="pt") as f:
            metadata = f.metadata() or {}
            tensors = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 (not a dict)
    except Exception as exc:  # safetensors raises its own error, or OSError, or ValueError
        raise damaged(path, f"it is not a readable safetensors file ({exc})") from exc
    if metadata.get("format") != FORMAT:
        found = metadata.get("format", "no format tag")
        raise CheckpointError(
            f"{str(path)!r} is not an aieng training checkpoint of this version "
            f"(format {found!r}, expected {FORMAT!r})",
            hint="resume it with the aieng version that wrote it; "
            + START_OVER.format(folder=repr(str(path.parent))),
        )
    doc = metadata.get("state", "")
    if _digest(tensors, doc) != metadata.get("sha256"):
        raise damaged(path, "its contents do not match the checksum written with them")
    try:
        return dict(unpack(json.loads(doc), tensors))
    except (ValueError, KeyError, TypeError) as exc:
        raise damaged(path, f"its state cannot be read ({exc})") from exc


def damaged(path: Path, why: str) -> CheckpointError:
    return CheckpointError(
        f"the checkpoint {str(path)!r} is damaged: {why}",
        hint="it cannot be resumed (a disk or a copy went wrong, or the file was edited); "
        + START_OVER.format(folder=repr(str(path.parent))),
    )


# -- does this checkpoint belong to this run? -------------------------------------------------


def model_signature(model: torch.nn.Module) -> list[list[Any]]:
    """Each weight and buffer of ``model``: ``[name, shape, dtype]``, in state_dict order."""
    return [[k, list(v.shape), str(v.dtype)] for k, v in model.state_dict().items()]


def data_digest(tensors: Sequence[torch.Tensor]) -> str:
    """sha256 of the training data (shapes, dtypes and bytes): 1.2 MB of churn in 1 ms."""
    return _digest({str(i): t for i, t in enumerate(tensors)}, "")


def check_same_run(path: Path, saved: Mapping[str, Any], now: Mapping[str, Any]) -> None:
    """Refuse to resume ``saved`` (a checkpoint's fingerprint) into a run with fingerprint ``now``.

    A fingerprint is ``{"model": model_signature, "data": data_digest, "config": {...}}``.
    """
    where = repr(str(path))
    start_over = START_OVER.format(folder=repr(str(path.parent)))
    if saved["model"] != now["model"]:
        was = {name: (shape, dtype) for name, shape, dtype in saved["model"]}
        here = {name: (shape, dtype) for name, shape, dtype in now["model"]}
        diff = [
            f"{n}: {_weight(was.get(n))} there, {_weight(here.get(n))} here"
            for n in dict.fromkeys([*was, *here])
            if was.get(n) != here.get(n)
        ]
        raise CheckpointError(
            f"the checkpoint {where} was made for another model ({_listed(diff)})",
            hint=f"build the same model to resume it; {start_over}",
        )
    if saved["config"] != now["config"]:
        keys = dict.fromkeys([*saved["config"], *now["config"]])
        diff = [
            f"{k} was {saved['config'].get(k)!r}, is now {now['config'].get(k)!r}"
            for k in keys
            if saved["config"].get(k) != now["config"].get(k)
        ]
        raise CheckpointError(
            f"the checkpoint {where} was made with other settings ({_listed(diff)})",
            hint=f"resume with the settings it was made with; {start_over}",
        )
    if saved["data"] != now["data"]:
        raise CheckpointError(
            f"the checkpoint {where} was made on other data (sha256 {saved['data'][:12]}…, "
            f"this data {now['data'][:12]}…)",
            hint="resume with the same rows in the same order (and the same validation rows, "
            f"if you passed them); {start_over}",
        )


def _weight(shape_dtype: tuple[list[int], str] | None) -> str:
    if shape_dtype is None:
        return "absent"
    shape, dtype = shape_dtype
    return f"{tuple(shape)} {dtype.removeprefix('torch.')}"


def _listed(items: list[str]) -> str:
    more = f", and {len(items) - 2} more" if len(items) > 2 else ""
    return "; ".join(items[:2]) + more
