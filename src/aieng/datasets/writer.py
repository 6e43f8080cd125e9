"""Write a bundled dataset to a file (CSV, Parquet or JSON lines), atomically.

The format follows the file's suffix. Parquet keeps every dtype (categories with their order,
nullable integers, strings); CSV and JSON lines keep the values, and
:func:`aieng.datasets.loaders.conform` turns a re-read file back into the typed frame.
An existing file is never overwritten unless asked (``overwrite=True``, ``--force`` in the CLI):
exporting is cheap, losing someone's edited copy is not.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from aieng.datasets.loaders import load
from aieng.errors import InputFileError, UsageError
from aieng.extras import require_package
from aieng.io import atomic_path, check_output

Format = Literal["csv", "parquet", "jsonl"]
FORMATS: dict[str, Format] = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl"}


def export(name: str, path: Path | str, fmt: str | None = None, *, overwrite: bool = False) -> Path:
    """Write dataset ``name`` to ``path`` and return the path written.

    ``fmt`` is one of ``csv``, ``parquet``, ``jsonl``; by default it comes from the suffix.
    Raises :class:`UsageError` for an unknown format and :class:`InputFileError` if ``path``
    exists (without ``overwrite``) or cannot be written.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputFileError(
            f"the output {str(target)!r} is a folder",
            hint=f"give a file name, e.g. {str(target / (name + '.csv'))!r}.",
        )
    chosen = _format(target, fmt)
    check_output(target, overwrite=overwrite)  # exists? writable? — before the data is loaded
    frame = load(name)  # validated against the card before anything is written
    with atomic_path(target) as tmp:  # a failed write is an InputFileError naming the file
        write_frame(frame, tmp, chosen)
    return target


def write_frame(frame: pd.DataFrame, path: Path, fmt: Format) -> None:
    """Write ``frame`` to ``path`` in ``fmt`` (not atomic by itself; see :func:`export`)."""
    if fmt == "csv":
        frame.to_csv(path, index=False, lineterminator="\n")
    elif fmt == "parquet":
        # pandas writes Parquet through pyarrow, in the analysis extra (not the serve extra).
        require_package("pyarrow", extra="analysis", by="writing Parquet")
        frame.to_parquet(path, index=False)
    else:
        _write_jsonl(frame, path)


def _format(target: Path, fmt: str | None) -> Format:
    allowed = ", ".join(FORMATS)
    if fmt is not None:
        for value in FORMATS.values():
            if fmt.lower().lstrip(".") == value:
                return value
        raise UsageError(
            f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS.values())}."
        )
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"cannot tell the format of {target.name!r} from its suffix {suffix or '(none)'!r}",
            hint=f"end the file name with one of {allowed}.",
        )
    return FORMATS[suffix]


def _write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    # Our own writer, not DataFrame.to_json: that rounds floats to 10 significant digits,
    # and JSON lines must hold exactly the values the CSV and Parquet files hold.
    columns = list(frame.columns)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in frame.astype(object).itertuples(index=False, name=None):
            record = {col: _json_value(value) for col, value in zip(columns, row, strict=True)}
            fh.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


def _json_value(value: Any) -> Any:
    """A missing value becomes null; NumPy scalars become plain Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
