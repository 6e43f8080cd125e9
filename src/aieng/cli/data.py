"""``aieng data``: list the bundled datasets, show a data card, export a dataset to a file.

Wiring only: everything here calls :mod:`aieng.datasets` and formats the answer. pandas is imported
inside the commands (through :mod:`aieng.datasets.loaders`), so ``aieng --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from aieng.cli import console
from aieng.datasets.cards import Column, DataCard, get_card, list_datasets

if TYPE_CHECKING:
    import pandas as pd

app = typer.Typer(
    help="The real datasets aieng ships with (offline): list them, read their data cards, "
    "export them to CSV, Parquet or JSON lines, or make a dirty copy with known faults.",
    no_args_is_help=True,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
NameArg = Annotated[str, typer.Argument(help="Dataset name, as `aieng data list` shows it.")]


@app.command("list")
def list_(as_json: JsonFlag = False) -> None:
    """List every dataset: name, title, size, task, target and sensitive columns."""
    cards = list_datasets()
    if as_json:
        _echo_json([_summary(card) for card in cards])
        return
    # Two lines per dataset (name over title, task over target) keep it readable at 80 columns.
    table = Table(box=box.SIMPLE_HEAD, caption="`aieng data show NAME` prints a dataset's card.")
    table.add_column("dataset / title", overflow="fold", ratio=3)
    table.add_column("rows × cols", no_wrap=True)
    table.add_column("task / target", no_wrap=True)
    table.add_column("sensitive", overflow="fold", ratio=2)
    for card in cards:
        target = card.target + (f" = {card.positive_class}" if card.positive_class else "")
        table.add_row(
            f"[bold]{card.name}[/bold]\n{escape(card.title)}",
            f"{card.rows} × {len(card.fields)}",
            f"{card.task}\n{escape(target)}",
            escape(_shorten(card.sensitive_columns)),
            end_section=True,
        )
    console.stdout().print(table)


@app.command()
def show(
    name: NameArg,
    as_json: JsonFlag = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the card as an HTML report with plots."),
    ] = None,
) -> None:
    """Show a dataset's card, with missing counts and levels computed from the data."""
    from aieng.datasets.loaders import load

    card = get_card(name)
    if report is not None:
        from aieng.datasets.card_report import build_card_report
        from aieng.io import check_output

        # Before the plots are drawn. The report is rebuilt from the card on every call, so an
        # existing one is replaced, as before; a folder or an unwritable path is refused.
        check_output(report, overwrite=True)
        written = build_card_report(card.name).write(report)
        console.stderr().print(f"Wrote the data card report to {escape(str(written))}")
    if as_json:
        _echo_json(card.model_dump(mode="json", exclude_none=True))
        return
    frame = load(card.name)
    out = console.stdout()
    out.print(
        f"[bold]{escape(card.title)}[/bold]  ({card.name}: {card.rows} rows × "
        f"{len(card.fields)} columns)\n"
    )
    out.print(escape(card.description) + "\n")
    target = card.target + (
        f" (positive class: {card.positive_class!r})" if card.positive_class else ""
    )
    facts = [
        ("Task", f"{card.task}; target: {target}"),
        (
            "Source",
            f"R package {card.source.r_package}, dataset {card.source.r_dataset}; "
            f"originally: {card.source.original}",
        ),
        ("Publication", card.publication),
        ("License", card.license),
    ]
    out.print(_grid([(f"[bold]{label}:[/bold]", escape(text)) for label, text in facts]))
    if card.sensitive:
        out.print("\n[bold]Sensitive attributes:[/bold]")
        out.print(
            _grid(
                [
                    ("  •", f"{escape(', '.join(s.columns))}: {escape(s.why)}")
                    for s in card.sensitive
                ]
            )
        )
    if card.caveats:
        out.print("\n[bold]Caveats:[/bold]")
        out.print(_grid([("  •", escape(caveat)) for caveat in card.caveats]))
    out.print()
    out.print(_columns_table(card, frame))


@app.command()
def export(
    name: NameArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write; its suffix picks the format (.csv, .parquet, .jsonl).",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Write a dataset to a file (atomically), typed as its card says."""
    from aieng.datasets.writer import export as export_dataset

    card = get_card(name)
    written = export_dataset(card.name, output, overwrite=force)
    console.stdout().print(
        f"Wrote {escape(card.name)} ({card.rows} rows × {len(card.fields)} columns) "
        f"to {escape(str(written))}",
        soft_wrap=True,
    )


@app.command()
def corrupt(
    name: NameArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Dirty file to write; its suffix picks the format (.csv …)."
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="Seed of every random choice.")] = 0,
    rate: Annotated[
        float, typer.Option("--rate", help="Share of cells to corrupt (0 < rate ≤ 0.5).")
    ] = 0.05,
    truth: Annotated[
        Path | None,
        typer.Option("--truth", help="Where to write the truth file (default: OUTPUT.truth.csv)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a dirty copy of a dataset with known faults (typos, mixed formats, missing tokens,
    duplicates, outliers) and a truth file listing each one."""
    from aieng.clean.files import write_corrupted

    card = get_card(name)
    corrupted, dirty, truth_path = write_corrupted(
        card.name, output, truth=truth, seed=seed, rate=rate, overwrite=force
    )
    kinds = corrupted.faults["kind"].value_counts()
    counts = ", ".join(f"{kind} {n:,}" for kind, n in kinds.items())
    out = console.stdout()
    out.print(
        f"Wrote a dirty copy of {escape(card.name)} ({len(corrupted.dirty):,} rows) to "
        f"{escape(str(dirty))}: {len(corrupted.faults):,} corrupted cells ({counts}) and "
        f"{int(corrupted.duplicate.sum()):,} duplicate rows.",
        soft_wrap=True,
    )
    out.print(f"The truth is in {escape(str(truth_path))}.", soft_wrap=True)


def _summary(card: DataCard) -> dict[str, Any]:
    return {
        "name": card.name,
        "title": card.title,
        "rows": card.rows,
        "columns": len(card.fields),
        "task": card.task,
        "target": card.target,
        "positive_class": card.positive_class,
        "sensitive": card.sensitive_columns,
    }


def _shorten(names: list[str], limit: int = 4) -> str:
    if not names:
        return "—"
    more = f", … (+{len(names) - limit})" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _grid(rows: list[tuple[str, str]]) -> Table:
    # A two-column grid gives wrapped text a hanging indent, so each item stays readable.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for left, right in rows:
        grid.add_row(left, right)
    return grid


def _echo_json(payload: Any) -> None:
    # typer.echo, not Rich: JSON must reach a pipe byte for byte, never wrapped or styled.
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _columns_table(card: DataCard, frame: pd.DataFrame) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Columns")
    table.add_column("column / dtype", no_wrap=True)
    table.add_column("missing", justify="right", no_wrap=True)
    table.add_column("levels / range / example", overflow="fold", ratio=1)
    table.add_column("meaning", overflow="fold", ratio=2)
    for col in card.fields:
        series = frame[col.name]
        role = " (target)" if col.name == card.target else ""
        table.add_row(
            f"[bold]{escape(col.name)}[/bold]\n{col.dtype}{role}",
            str(int(series.isna().sum())),
            escape(_values_hint(series, col)),
            escape(col.meaning),
            end_section=True,
        )
    return table


def _values_hint(series: pd.Series, col: Column, limit: int = 6) -> str:
    """Levels of a category, the range of a number, or one example of a string."""
    present = series.dropna()
    if present.empty:
        return "(all missing)"
    if col.dtype in {"category", "ordered"}:
        levels = [str(level) for level in series.cat.categories]
        sep = " < " if col.dtype == "ordered" else ", "
        shown = sep.join(repr(v) if v != v.strip() else v for v in levels[:limit])
        more = f" … ({len(levels)} levels)" if len(levels) > limit else ""
        return shown + more
    if col.dtype == "bool":
        return f"true {int(present.sum())}, false {int((~present).sum())}"
    if col.dtype in {"int", "float"}:
        return f"{_number(present.min())} – {_number(present.max())}"
    return repr(str(present.iloc[0]))


def _number(value: float) -> str:
    # 2,300,000 reads better than 2.3e+06; small values keep their significant digits.
    return f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:.6g}"
