"""``aieng predict --url URL FILE``: score a table through a running service, with a progress bar.

Wiring only: :class:`aieng.serve.client.ServiceClient` talks to the service; the table is read by
:func:`aieng.tables.read_table` and written atomically by :func:`aieng.tables.write_table`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from aieng.cli import console


def predict(
    input: Annotated[Path, typer.Argument(help="Rows to score: .csv, .tsv, .parquet or .jsonl.")],
    url: Annotated[str, typer.Option(help="The service, e.g. http://127.0.0.1:8000.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the scored rows (default INPUT-scored)."),
    ] = None,
    batch: Annotated[int, typer.Option(min=1, help="Rows per request.")] = 100,
    api_key: Annotated[
        str | None, typer.Option(help="API key (default: $AIENG_API_KEY).", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
) -> None:
    """Score every row of a table through `aieng serve`; write it with the predictions added."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from aieng.io import check_output
    from aieng.serve.client import ServiceClient
    from aieng.tables import read_table, write_table

    target = out or input.with_name(f"{input.stem}-scored{input.suffix}")
    check_output(target, source=input, overwrite=force)
    frame = read_table(input)
    key = api_key or os.environ.get("AIENG_API_KEY")
    with ServiceClient(url, api_key=key) as api, Progress(
        TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console.stderr(), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("rows", total=len(frame))
        scored = api.predict_frame(frame, batch=batch, progress=lambda n: bar.advance(task, n))
    write_table(scored, target, source=input, overwrite=force)
    positive = int(scored["decision"].sum())
    console.stdout().print(
        f"Scored {len(scored):,} rows: {positive:,} at or above the threshold. "
        f"Wrote {escape(str(target))}"
    )
