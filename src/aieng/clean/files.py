"""``aieng clean`` on files: read, clean, write the table, its change log and its flags.

Next to ``OUTPUT`` (say ``clean.csv``) go ``clean.csv.changes.json`` (the change log) and
``clean.csv.flags.csv`` (row, column, step, reason; rows are 0-based data rows of the input; just
the header when nothing was flagged). The files are written all or nothing
(:func:`aieng.io.atomic_paths`): a failure leaves none of them, and no earlier one is touched.
The input is never opened for writing, and an output that is the input is refused even with
``overwrite``. Existing outputs are replaced only with ``overwrite=True`` (``--force``), like
``aieng data export``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from aieng.clean import changelog
from aieng.clean.config import CleanConfig
from aieng.clean.corrupt import Corrupted, corrupt, to_text
from aieng.clean.pipeline import CleanResult, clean
from aieng.datasets.writer import FORMATS, Format, write_frame
from aieng.errors import UsageError
from aieng.io import atomic_paths, check_output
from aieng.tables import read_table

WRITE_SUFFIXES = tuple(FORMATS)  # .csv, .parquet, .jsonl


@dataclass(frozen=True)
class CleanedFile:
    """What :func:`clean_file` wrote, and the result it wrote."""

    result: CleanResult
    output: Path
    changes: Path
    flags: Path
    report: Path | None


def companions(output: Path) -> tuple[Path, Path]:
    """The change-log and flags paths that go next to ``output``."""
    return output.with_name(output.name + ".changes.json"), output.with_name(
        output.name + ".flags.csv"
    )


def table_format(output: Path) -> Format:
    """The format a table is written in, from its suffix; an unknown suffix is a usage error."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"cannot write {output.name!r}: unsupported suffix {suffix or '(none)'!r}",
            hint=f"end the output name with one of {', '.join(WRITE_SUFFIXES)}.",
        )
    return FORMATS[suffix]


def check_outputs(source: Path, output: Path, report: Path | None, *, overwrite: bool) -> None:
    """Refuse bad outputs before any work: same as input, wrong suffix, a folder, existing."""
    table_format(output)
    targets = [output, *companions(output)] + ([report] if report is not None else [])
    for target in targets:
        check_output(target, source=source, overwrite=overwrite)


def clean_file(
    source: str | Path,
    output: str | Path,
    *,
    config: CleanConfig | None = None,
    report: str | Path | None = None,
    overwrite: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> CleanedFile:
    """Clean the table in ``source`` and write ``output`` (+ change log, flags, report)."""
    stage = on_stage or (lambda _: None)
    src, out = Path(source).expanduser(), Path(output).expanduser()
    html = Path(report).expanduser() if report is not None else None
    stage("reading")
    frame = read_table(src, raw=True)  # raises for a missing, empty or unreadable input
    check_outputs(src, out, html, overwrite=overwrite)
    stage("cleaning")
    result = clean(frame, config)
    page = None
    if html is not None:  # drawn before anything is written
        stage("drawing the report")
        from aieng.clean.report import build_report

        page = build_report(frame, result, title=f"Cleaning {src.name}").render()
    stage("writing")
    changes_path, flags_path = companions(out)
    summary = {"input": str(src), "output": str(out), **result.summary()}
    log = changelog.to_json(list(result.changes), summary=summary)
    # All or nothing: the files are written beside their targets and renamed into place only once
    # every one of them is complete. A table without its change log, left by a disk that filled
    # up, would be misleading, and would block the rerun ("already exists") for no reason.
    targets = [out, changes_path, flags_path] + ([html] if html is not None else [])
    with atomic_paths(targets) as tmps:
        write_frame(result.frame, tmps[0], table_format(out))
        tmps[1].write_bytes(log.encode("utf-8"))  # bytes: no newline translation on Windows
        # Always written (a header alone when nothing was flagged): a stale file from an earlier
        # run must never sit next to a new output.
        write_frame(result.flags, tmps[2], "csv")
        if page is not None:
            tmps[3].write_bytes(page.encode("utf-8"))
    return CleanedFile(result, out, changes_path, flags_path, html)


def truth_table(corrupted: Corrupted) -> pd.DataFrame:
    """Every injected fault by *dirty* row: row, column (as in the dirty file), kind, dirty, true.

    An injected duplicate is one line of kind ``duplicate`` whose ``true`` says which row it copies.
    """
    original = pd.Series(
        np.flatnonzero(~corrupted.duplicate), index=corrupted.source_row[~corrupted.duplicate]
    )
    names = dict(zip(corrupted.truth.columns, corrupted.dirty.columns, strict=True))
    faults = corrupted.faults
    true_text = [
        to_text(corrupted.truth[col].iloc[[row]]).iloc[0]
        for row, col in zip(faults["row"], faults["column"], strict=True)
    ]
    cells = pd.DataFrame(
        {
            "row": original.loc[faults["row"].to_numpy()].to_numpy(),
            "column": faults["column"].map(names).to_numpy(),
            "kind": faults["kind"].to_numpy(),
            "dirty": faults["dirty"].to_numpy(),
            "true": true_text,
        }
    )
    copies = np.flatnonzero(corrupted.duplicate)
    dupes = pd.DataFrame(
        {
            "row": copies,
            "column": "",
            "kind": "duplicate",
            "dirty": "(whole row)",
            "true": [f"copy of row {original.loc[corrupted.source_row[i]]}" for i in copies],
        }
    )
    return (
        pd.concat([cells, dupes])
        .sort_values(["row", "column"], kind="stable")
        .reset_index(drop=True)
    )


def write_corrupted(
    name: str,
    output: str | Path,
    *,
    truth: str | Path | None = None,
    seed: int = 0,
    rate: float = 0.05,
    overwrite: bool = False,
) -> tuple[Corrupted, Path, Path]:
    """Corrupt catalog dataset ``name``; write the dirty table and its truth file (atomically)."""
    if not 0 < rate <= 0.5:
        raise UsageError(f"--rate must be in (0, 0.5], got {rate}", hint="try --rate 0.05.")
    out = Path(output).expanduser()
    truth_path = (
        Path(truth).expanduser() if truth is not None else out.with_name(out.name + ".truth.csv")
    )
    for target in (out, truth_path):  # both checked before either is written
        table_format(target)
        check_output(target, overwrite=overwrite)
    corrupted = corrupt(name, seed=seed, rate=rate)
    truth_rows = truth_table(corrupted)
    # Both or neither: a dirty file without its truth cannot be scored, and would block the rerun.
    with atomic_paths([out, truth_path]) as (dirty_tmp, truth_tmp):
        write_frame(corrupted.dirty, dirty_tmp, table_format(out))
        write_frame(truth_rows, truth_tmp, table_format(truth_path))
    return corrupted, out, truth_path
