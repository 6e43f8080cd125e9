"""The data stages: ingest, validate, clean, split, features — each a function of a folder.

Each ``build_*`` reads its inputs from the folders of the stages before it, writes its outputs
into the (empty) folder it is given, and returns a few facts worth showing. Tables travel as
Parquet with their index: the index is the row's number in the ingested table, so a row can be
followed from the source to the split, and an offending row reported by the number a user sees.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from aieng.errors import unknown_value
from aieng.io import atomic_write
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.stages import file_digest

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


def source(config: PipelineConfig) -> tuple[pd.DataFrame | None, str]:
    """The source's content hash, and the table when it had to be loaded to hash it.

    A file is hashed by its bytes without parsing it (an unchanged file costs one read); a
    catalog dataset by its loaded values.
    """
    path = config.source_path()
    if path is None:
        frame = load_source(config)
        return frame, frame_digest(frame)
    if not path.is_file():
        from aieng.errors import InputFileError

        raise InputFileError(
            f"data.source {str(path)!r} is not a file",
            hint="give a .csv, .tsv, .parquet or .jsonl file (relative to the config file), or "
            "a catalog dataset name from `aieng data list`.",
        )
    return None, file_digest(path)


def load_source(config: PipelineConfig) -> pd.DataFrame:
    """The source table: a catalog dataset, or a user's file read by :func:`read_table`."""
    path = config.source_path()
    if path is None:
        from aieng.datasets import load

        return load(config.data.source)
    from aieng.tables import read_table

    return read_table(path)


def build_ingest(folder: Path, frame: pd.DataFrame) -> dict[str, Any]:
    """Copy the source into the workspace as Parquet (the run never reads the source again)."""
    frame = frame.reset_index(drop=True)
    write(frame, folder)
    return {"rows": len(frame), "columns": frame.shape[1]}


def build_validate(folder: Path, config: PipelineConfig, data: Path) -> dict[str, Any]:
    """Check the table against the contract; write it with the declared types."""
    frame = read(data)
    typed = config.contract.validate(frame)  # raises ContractViolation with the failures
    write(typed, folder)
    extra = config.contract.undeclared(frame)  # kept, unchecked: the report lists them
    return {"rows": len(typed), "rules": len(config.contract.columns), "undeclared": extra}


def build_clean(folder: Path, config: PipelineConfig, data: Path) -> dict[str, Any]:
    """Month 1's cleaning: every change logged in ``changes.json``, flags in ``flags.csv``."""
    from aieng.clean import clean

    result = clean(read(data), config.clean)
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


def build_split(folder: Path, config: PipelineConfig, data: Path) -> dict[str, Any]:
    """Hold out ``split.test_size`` of the rows, stratified by the target; save the row numbers."""
    from sklearn.model_selection import train_test_split

    from aieng.supervised.target import check_class_sizes, prepare_target

    frame = read(data)
    target = prepare_target(
        frame, config.data.target, task=None, positive_class=config.data.positive_class
    )
    check_class_sizes(target, None, folds=config.train.folds)
    stratify = target.y if target.task == "classification" else None
    train, test = train_test_split(
        target.y.index.to_numpy(),
        test_size=config.split.test_size,
        random_state=config.split.seed,
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


def build_features(folder: Path, config: PipelineConfig, data: Path) -> dict[str, Any]:
    """The columns the model may see (month 4's selection), with the target beside them."""
    from aieng.supervised.features import select_features

    frame = read(data)
    target = config.data.target
    if target not in frame.columns:
        raise unknown_value("data.target column", target, frame.columns)
    for name in config.data.drop:
        if name not in frame.columns:
            raise unknown_value("data.drop column", name, frame.columns)
    X, notes = select_features(frame, target=target, drop=config.data.drop)
    write(pd.concat([X, frame[[target]]], axis=1), folder)
    schema = {name: str(dtype) for name, dtype in X.dtypes.items()}
    write_json({"features": schema, "target": target, "notes": notes}, folder / "features.json")
    return {"features": len(schema), "notes": notes}


def write_failures(failures: pd.DataFrame, path: Path) -> None:
    """Every offending cell of a contract violation, as CSV, atomically."""
    from aieng.io import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        failures.to_csv(tmp, index=False, lineterminator="\n")
