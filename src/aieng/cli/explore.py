"""``aieng explore``: exploratory data analysis of a table file, written as one HTML report.

Wiring only: :func:`aieng.tables.read_table` reads the file, :func:`aieng.explore.analysis.explore`
computes, :func:`aieng.explore.report.build_report` draws. pandas and matplotlib are imported
inside the command, so ``aieng --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.markup import escape

from aieng.cli import console

if TYPE_CHECKING:  # pandas-backed; imported for real inside the command
    from aieng.explore.analysis import Exploration


def explore(
    input: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="Table to explore: .csv/.tsv/.txt, .parquet or .jsonl."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML report to write, e.g. report.html.")
    ],
    target: Annotated[
        str | None,
        typer.Option("--target", "-t", help="Column to predict: adds the target section."),
    ] = None,
    positive: Annotated[
        str | None,
        typer.Option(help="The target's class of interest (default: the minority class)."),
    ] = None,
    sensitive: Annotated[
        list[str] | None,
        typer.Option(
            "--sensitive", "-s", help="A sensitive column to audit for bias; repeat for more."
        ),
    ] = None,
    prior: Annotated[
        Literal["jeffreys", "uniform"],
        typer.Option(help="Beta prior of each group's rate: Jeffreys Beta(½,½) or uniform."),
    ] = "jeffreys",
    seed: Annotated[int, typer.Option(help="Seed for sampling and mutual information.")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Explore a table: distributions, gaps, correlations, target, bias, insights in plain words."""
    from aieng.explore import insights
    from aieng.explore.analysis import explore as analyse
    from aieng.explore.report import build_report
    from aieng.io import check_output
    from aieng.tables import read_table

    check_output(output, source=input, overwrite=force)
    with console.steps(f"reading {input.name}") as say:
        frame = read_table(input)
        say(f"analysing {len(frame):,} rows × {frame.shape[1]} columns")
        ex = analyse(
            frame,
            target=target,
            positive=positive,
            sensitive=sensitive or [],
            prior=prior,
            seed=seed,
            source=str(input),
            progress=say,
        )
        say("drawing the report")
        report = build_report(
            ex, frame, title=f"Exploring {input.name}", subtitle=_subtitle(ex, sensitive or [])
        )
        written = report.write(output)
    out = console.stdout()
    out.print(f"Wrote the exploration report to {escape(str(written))}", soft_wrap=True)
    for sentence in insights.key_insights(ex):
        out.print(f"  • {escape(sentence)}", soft_wrap=True)


def _subtitle(ex: Exploration, sensitive: list[str]) -> str:
    parts = [f"{ex.overview.n_rows:,} rows × {ex.overview.n_columns} columns"]
    if ex.target is not None:
        parts.append(
            f"target {ex.target.name}"
            + (f" = {ex.target.positive}" if ex.target.positive is not None else "")
        )
    if sensitive:
        parts.append("sensitive: " + ", ".join(sensitive))
    return "; ".join(parts)
