"""``aieng segment``: customer segmentation of a user's table, with a report and assignments.

Wiring only: :func:`aieng.tables.read_table` reads the file, :func:`aieng.segment.analysis.segment`
does the work, :func:`aieng.segment.report.build_report` draws it. pandas and scikit-learn are
imported inside the command, so ``aieng --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aieng.cli import console
from aieng.io import check_output


def segment(
    input: Annotated[Path, typer.Argument(help="Table of customers: .csv, .parquet or .jsonl.")],
    k: Annotated[
        str, typer.Option("--k", help="Number of segments (an integer ≥ 2), or `auto`.")
    ] = "auto",
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML report.")
    ] = Path("segment-report.html"),
    target: Annotated[
        str | None,
        typer.Option("--target", help="Outcome column (e.g. churn): described, not clustered."),
    ] = None,
    positive: Annotated[
        str | None,
        typer.Option(
            "--positive", help="Level of --target to report the rate of (default: rarest)."
        ),
    ] = None,
    describe: Annotated[
        list[str] | None,
        typer.Option(
            "--describe", help="Column to describe per segment but not cluster on (repeatable)."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Column to leave out entirely, e.g. an id (repeatable)."),
    ] = None,
    segments: Annotated[
        Path | None,
        typer.Option("--segments", help="Also write each row's segment to this .csv/.parquet."),
    ] = None,
    k_max: Annotated[int, typer.Option("--k-max", help="Largest k tried with --k auto.")] = 8,
    seed: Annotated[int, typer.Option(help="Seed for every random choice.")] = 0,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the report or segments file if it exists.")
    ] = False,
) -> None:
    """Segment the rows of a table (K-Means, checked against other methods) and explain them."""
    from aieng.datasets.writer import FORMATS
    from aieng.errors import UsageError
    from aieng.segment.analysis import parse_k
    from aieng.segment.analysis import segment as run_segmentation
    from aieng.segment.report import build_report
    from aieng.tables import read_table, write_table

    chosen = parse_k(k)  # a bad --k or --segments fails before the work starts
    if segments is not None and segments.suffix.lower() not in FORMATS:
        raise UsageError(
            f"cannot write the segments to {segments.name!r}: unsupported suffix "
            f"{segments.suffix or '(none)'!r}",
            hint=f"end the --segments file name with one of {', '.join(FORMATS)}.",
        )
    for target_file in (output, segments):
        if target_file is not None:  # checked before the work, not after it
            check_output(target_file, source=input, overwrite=force)
    frame = read_table(input)
    with console.steps("segmenting") as say:
        result = run_segmentation(
            frame,
            k=chosen,
            target=target,
            positive=positive,
            describe=describe or [],
            exclude=exclude or [],
            k_max=k_max,
            seed=seed,
            progress=say,
        )
        say("drawing the report")
        report = build_report(
            result,
            title=f"Segments of {input.name}",
            subtitle=f"{result.n_rows:,} rows, {result.clustering.k} segments",
        )
        written = report.write(output)
    out = console.stdout()
    how = "chosen by silhouette and elbow" if chosen is None else "as asked"
    out.print(f"[bold]{result.clustering.k} segments[/] ({how}) of {result.n_rows:,} rows:")
    for prof in result.profiles.segments:
        out.print(f"  {escape(prof.description)}")
    for note in result.notes:
        out.print(f"  [dim]{escape(note)}[/]")
    anomalies = int(result.anomalies.flagged_isolation.sum())
    out.print(f"  {anomalies:,} rows flagged as unusual (Isolation Forest); see the report.")
    out.print(f"Wrote the report to {escape(str(written))}")
    if segments is not None:
        path = write_table(
            result.assignments, segments, source=input, overwrite=True
        )  # checked above
        out.print(f"Wrote each row's segment to {escape(str(path))}")
