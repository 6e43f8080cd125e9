"""Stages that are skipped when their inputs did not change: content hashes, like make or DVC.

Every stage has a *key*: the sha256 of everything it depends on — the content hashes of the
stages before it and its own part of the config. Its outputs live in a folder of the
workspace with a ``stage.json`` that records the key and the hash of what it produced::

    ~/.aieng/pipelines/churn/
        ingest/    data.parquet    stage.json
        validate/  data.parquet    stage.json
        ...

When a run finds a stage folder whose key equals the one it computed, the stage is skipped and
its outputs are reused. A stage is built in a temporary folder and moved into place only when it
succeeded, so a failing stage leaves the outputs of the last good run untouched.

A stage is declared as data (:class:`Stage`): the stages whose outputs it reads, a function that
takes *its slice* of the config, and a builder that gets that slice and nothing else. The key is
made from the same slice, so a setting the builder reads is in the key by construction: a stale
cache cannot be reused because someone forgot to list a setting. The plan of month 6 is
:mod:`aieng.pipeline.plan`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from aieng import __version__
from aieng.io import atomic_write

Status = Literal["ran", "skipped", "failed"]
RECORD = "stage.json"
_CHUNK = 1 << 20  # hash files a megabyte at a time: memory stays flat for any file size


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def folder_digest(folder: Path, *, skip: Iterable[str] = (RECORD,)) -> str:
    """sha256 over the names and contents of the files in ``folder`` (sorted, recursive)."""
    h = hashlib.sha256()
    skipped = set(skip)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in skipped):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(file_digest(path).encode())
    return h.hexdigest()


def stage_key(stage: str, inputs: Mapping[str, str], params: Mapping[str, Any]) -> str:
    """The key of a stage: its name, the package version, its inputs' hashes and its params."""
    payload = {"stage": stage, "aieng": __version__, "inputs": inputs, "params": params}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Params(Protocol):
    """A stage's slice of the config: everything its builder may read, and its cache key."""

    def key(self) -> dict[str, Any]:
        """The slice as JSON-able values (what the stage key is made of)."""
        ...


P = TypeVar("P", bound=Params)


@dataclass(frozen=True)
class Inputs:
    """What a builder gets besides its params: the folders of the stages it reads."""

    folders: Mapping[str, Path]  # stage name -> its output folder
    keys: Mapping[str, str]  # stage name -> the key it was built with
    step: Callable[[str], None]  # says what a long stage is doing (the CLI's progress line)

    def __getitem__(self, stage: str) -> Path:
        return self.folders[stage]


@dataclass(frozen=True)
class Stage(Generic[P]):
    """One stage, declared: what it reads, its slice of the config, how it is built."""

    name: str
    after: tuple[str, ...]  # the stages whose outputs it reads (and whose hashes key it)
    params: Callable[..., P]  # (config, run facts) -> the slice; the builder sees only this
    build: Callable[[Path, P, Inputs], dict[str, Any]]  # writes into the folder; the facts

    def key(self, params: P, digests: Mapping[str, str]) -> str:
        """The stage key from its params and the output hashes of the stages it reads."""
        return stage_key(self.name, {name: digests[name] for name in self.after}, params.key())

    def builder(self, params: P, inputs: Inputs) -> Callable[[Path], dict[str, Any]]:
        """``build`` with its params and inputs bound: what :meth:`Workspace.run` calls."""
        return lambda folder: self.build(folder, params, inputs)


@dataclass(frozen=True)
class StageRecord:
    """What one stage did in one run."""

    name: str
    key: str  # what it depended on
    digest: str  # what it produced: the input hash of the stages after it
    status: Status
    seconds: float  # time this run spent (the original run's time when skipped)
    facts: dict[str, Any]  # small results worth showing (row counts, the winner, …)
    folder: Path

    @property
    def short(self) -> str:
        """The first 12 hex digits of the output hash, for tables."""
        return self.digest[:12]

    def facts_text(self, *, digits: int = 3) -> str:
        """The scalar facts as ``"rows 7,043, winner LightGBM"`` (lists and tables left out)."""
        from aieng.reports.style import format_number

        shown = {k: v for k, v in self.facts.items() if not isinstance(v, list | dict | None)}
        return ", ".join(f"{k} {format_number(v, digits=digits)}" for k, v in shown.items())


class Workspace:
    """The folder of one pipeline's stage outputs (``$AIENG_HOME/pipelines/<name>``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, stage: str) -> Path:
        """Where ``stage`` keeps its outputs (exists once the stage succeeded)."""
        return self.root / stage

    def cached(self, stage: str, key: str) -> StageRecord | None:
        """The record of ``stage`` if it was built with ``key`` and its files are intact."""
        folder = self.folder(stage)
        try:
            data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("key") != key or folder_digest(folder) != data.get("digest"):
            return None  # other inputs, or outputs edited or damaged since: build again
        return StageRecord(
            stage, key, data["digest"], "skipped", float(data["seconds"]), data["facts"], folder
        )

    def run(
        self,
        stage: str,
        key: str,
        build: Callable[[Path], dict[str, Any]],
        *,
        force: bool = False,
    ) -> StageRecord:
        """Reuse ``stage``'s outputs if its key matches (unless ``force``), else build them.

        ``build(folder)`` writes the outputs into an empty temporary folder and returns the
        facts to record; on success the folder replaces the stage's previous one.
        """
        if not force and (hit := self.cached(stage, key)) is not None:
            return hit
        self.root.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=f".{stage}-", dir=self.root))
        try:
            facts = build(tmp)
            digest = folder_digest(tmp)
            seconds = time.perf_counter() - start
            record = {"key": key, "digest": digest, "seconds": seconds, "facts": facts}
            atomic_write(tmp / RECORD, json.dumps(record, indent=2, default=str) + "\n")
            _swap(tmp, self.folder(stage))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return StageRecord(stage, key, digest, "ran", seconds, facts, self.folder(stage))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; the old folder is removed only after the move."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{time.time_ns()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def describe(records: Iterable[StageRecord]) -> str:
    """``ingest=ran,validate=skipped,…`` for the MLflow tag."""
    return ",".join(f"{r.name}={r.status}" for r in records)


def as_dict(record: StageRecord) -> dict[str, Any]:
    """A JSON-able view of a record, for the run summary."""
    out = asdict(record)
    out["folder"] = str(record.folder)
    return out
