"""``aieng clean INPUT -o OUTPUT``: clean a table file and log every change (wiring only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aieng.cli import console


def clean(
    source: Annotated[
        Path, typer.Argument(help="The table to clean: .csv/.tsv/.txt, .parquet or .jsonl.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Where to write the cleaned table (.csv, .parquet or .jsonl)."
        ),
    ],
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="A TOML file of step settings (see docs/m01-clean.md)."
        ),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write an HTML report with plots.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUTPUT (and its log files) if they exist.")
    ] = False,
) -> None:
    """Clean a table file: names, whitespace, missing tokens, types, categories, duplicates,
    outliers and gaps. Writes OUTPUT, OUTPUT.changes.json and OUTPUT.flags.csv."""
    from aieng.clean.config import load_config
    from aieng.clean.files import clean_file

    settings = load_config(config)
    with console.steps("reading") as say:
        done = clean_file(
            source,
            output,
            config=settings,
            report=report,
            overwrite=force,
            on_stage=say,
        )
    summary = done.result.summary()
    out = console.stdout()
    out.print(
        f"Cleaned {summary['rows_in']:,} rows → {summary['rows_out']:,} rows × "
        f"{summary['columns_out']} columns; {summary['changes']} changes logged, "
        f"{summary['flagged_cells']:,} cells flagged.",
        soft_wrap=True,
    )
    written = [done.output, done.changes, done.flags, done.report]
    for path in written:
        if path is not None:
            out.print(f"  wrote {escape(str(path))}", soft_wrap=True)
