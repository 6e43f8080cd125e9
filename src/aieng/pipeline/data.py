"""The data stages: ingest, validate, clean, split, features — each a function of a folder.

Each stage has a frozen ``*Params``: its slice of the config, made by ``of(config, facts)``, the
only settings its builder may read and the ones its cache key is made of (:mod:`.stages`). Each
``build_*`` reads its inputs from the folders of the stages before it, writes its outputs into
the (empty) folder it is given, and returns a few facts worth showing. Tables travel as Parquet
with their index: the index is the row's number in the ingested table, so a row can be followed
from the source to the split, and an offending row reported by the number a user sees.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from aieng.clean.config import CleanConfig
from aieng.contract import Contract
from aieng.errors import unknown_value
from aieng.io import atomic_write
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.stages import Inputs, file_digest

if TYPE_CHECKING:
    from aieng.pipeline.facts import RunFacts

DATA = "data.parquet"


def read(folder: Path) -> pd.DataFrame:
    """The table a stage wrote."""
    return pd.read_parquet(folder / DATA)


def write(frame: pd.DataFrame, folder: Path, name: str = DATA) -> None:
    """Write a table with its index (the row numbers), atomically."""
    from aieng.io import atomic_path

    with atomic_path(folder / name) as tmp:
        frame.to_parquet(tmp, index=True)


def write_json(value: Any, path: Path) -> None:
    """Write JSON atomically, keys sorted (equal content, equal bytes, equal hash)."""
    atomic_write(path, json.dumps(value, indent=2, sort_keys=True, default=str) + "\n")


def frame_digest(frame: pd.DataFrame) -> str:
    """sha256 of a table's values, index, column names and dtypes."""
    h = hashlib.sha256()
    h.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return h.hexdigest()


def source(config: PipelineConfig) -> str:
    """The content hash of the config's data source.

    A file is hashed by its bytes without parsing it (an unchanged file costs one read); a
    catalog dataset by its loaded values.
    """
    path = config.source_path()
    if path is None:
        return frame_digest(load_source(config.data.source, None))
    if not path.is_file():
        from aieng.errors import InputFileError

        raise InputFileError(
            f"data.source {str(path)!r} is not a file",
            hint="give a .csv, .tsv, .parquet or .jsonl file (relative to the config file), or "
            "a catalog dataset name from `aieng data list`.",
        )
    return file_digest(path)


def load_source(name: str, path: Path | None) -> pd.DataFrame:
    """The source table: catalog dataset ``name``, or the user's file ``path``."""
    if path is None:
        from aieng.datasets import load

        return load(name)
    from aieng.tables import read_table

    return read_table(path)


@dataclass(frozen=True)
class IngestParams:
    """The source, and its content hash: a changed file reruns ingest and all after it."""

    name: str  # data.source as written in the config
    path: Path | None  # the file it names, resolved; None for a catalog dataset
    digest: str  # the source's content hash (:func:`source`)

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> IngestParams:
        return cls(config.data.source, config.source_path(), facts.data_hash)

    def key(self) -> dict[str, Any]:
        return {"source": self.name, "digest": self.digest}  # the path follows the config's folder


def build_ingest(folder: Path, p: IngestParams, inputs: Inputs) -> dict[str, Any]:
    """Copy the source into the workspace as Parquet (the run never reads the source again)."""
    frame = load_source(p.name, p.path).reset_index(drop=True)
    write(frame, folder)
    return {"rows": len(frame), "columns": frame.shape[1]}


@dataclass(frozen=True)
class ValidateParams:
    contract: Contract

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> ValidateParams:
        return cls(config.contract)

    def key(self) -> dict[str, Any]:
        return self.contract.to_dict()


def build_validate(folder: Path, p: ValidateParams, inputs: Inputs) -> dict[str, Any]:
    """Check the table against the contract; write it with the declared types."""
    frame = read(inputs["ingest"])
    typed = p.contract.validate(frame)  # raises ContractViolation with the failures
    write(typed, folder)
    extra = p.contract.undeclared(frame)  # kept, unchecked: the report lists them
    return {"rows": len(typed), "rules": len(p.contract.columns), "undeclared": extra}


@dataclass(frozen=True)
class CleanParams:
    clean: CleanConfig  # month 1's steps, the row-local ones only (config refuses the others)

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> CleanParams:
        return cls(config.clean)

    def key(self) -> dict[str, Any]:
        return self.clean.model_dump(mode="json")


def build_clean(folder: Path, p: CleanParams, inputs: Inputs) -> dict[str, Any]:
    """Month 1's cleaning: every change logged in ``changes.json``, flags in ``flags.csv``."""
    from aieng.clean import clean

    result = clean(read(inputs["validate"]), p.clean)
    write(result.frame, folder)
    changes = [
        {"step": c.step, "column": c.column, "rows": c.rows, "note": c.note} for c in result.changes
    ]
    write_json(changes, folder / "changes.json")
    result.flags.to_csv(folder / "flags.csv", index=False, lineterminator="\n")
    return {
        "rows_in": result.rows_in,
        "rows": len(result.frame),
        "changes": len(changes),
        "flags": len(result.flags),
        "renamed": {old: new for old, new in result.renamed.items() if old != new},
    }


@dataclass(frozen=True)
class SplitParams:
    target: str
    positive_class: str | None
    test_size: float
    seed: int
    folds: int  # every class needs this many training rows for the folds to come

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> SplitParams:
        d, split = config.data, config.split
        return cls(d.target, d.positive_class, split.test_size, split.seed, config.train.folds)

    def key(self) -> dict[str, Any]:
        return asdict(self)


def build_split(folder: Path, p: SplitParams, inputs: Inputs) -> dict[str, Any]:
    """Hold out ``test_size`` of the rows, stratified by the target; save the row numbers."""
    from sklearn.model_selection import train_test_split

    from aieng.supervised.target import check_class_sizes, prepare_target

    frame = read(inputs["clean"])
    target = prepare_target(frame, p.target, task=None, positive_class=p.positive_class)
    check_class_sizes(target, None, folds=p.folds)
    stratify = target.y if target.task == "classification" else None
    train, test = train_test_split(
        target.y.index.to_numpy(),
        test_size=p.test_size,
        random_state=p.seed,
        stratify=stratify,
    )
    split = {"train": sorted(int(i) for i in train), "test": sorted(int(i) for i in test)}
    write_json(split, folder / "split.json")
    rate = None
    if target.task == "classification":
        rate = {part: float(target.y.loc[rows].mean()) for part, rows in split.items()}
    return {
        "task": target.task,
        "train": len(split["train"]),
        "test": len(split["test"]),
        "positive_rate": rate,
        "notes": list(target.notes),
    }


def read_split(folder: Path) -> dict[str, list[int]]:
    """The row numbers of the train and test parts."""
    split: dict[str, list[int]] = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    return split


@dataclass(frozen=True)
class FeaturesParams:
    target: str
    drop: tuple[str, ...]  # never features: protected attributes, leaks, identifiers

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> FeaturesParams:
        return cls(config.data.target, tuple(config.data.drop))

    def key(self) -> dict[str, Any]:
        return asdict(self)


def build_features(folder: Path, p: FeaturesParams, inputs: Inputs) -> dict[str, Any]:
    """The columns the model may see (month 4's selection), with the target beside them."""
    from aieng.supervised.features import select_features

    frame = read(inputs["clean"])
    if p.target not in frame.columns:
        raise unknown_value("data.target column", p.target, frame.columns)
    for name in p.drop:
        if name not in frame.columns:
            raise unknown_value("data.drop column", name, frame.columns)
    X, notes = select_features(frame, target=p.target, drop=p.drop)
    write(pd.concat([X, frame[[p.target]]], axis=1), folder)
    schema = {name: str(dtype) for name, dtype in X.dtypes.items()}
    write_json({"features": schema, "target": p.target, "notes": notes}, folder / "features.json")
    return {"features": len(schema), "notes": notes}


def write_failures(failures: pd.DataFrame, path: Path) -> None:
    """Every offending cell of a contract violation, as CSV, atomically."""
    from aieng.io import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        failures.to_csv(tmp, index=False, lineterminator="\n")
