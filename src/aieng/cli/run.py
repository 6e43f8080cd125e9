"""``aieng run``: run a month's project (or all of them) on its bundled real data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from aieng.cli import console
from aieng.roadmap import load
from aieng.runs import MonthProject, RunRecord, built_months, run_all, run_month


def _show(record: RunRecord) -> None:
    out = console.stdout()
    out.print(f"[bold green]{record.month}[/] {escape(record.title)} · {record.duration_s:.1f} s")
    out.print(f"  {escape(record.result.summary)}")
    for name, value in record.result.metrics.items():
        out.print(f"  {name:<24} {value:.4g}")
    out.print(f"  report: {record.result.report}")


def run(
    month: Annotated[str | None, typer.Argument(help="A month id (m03), or `all`.")] = None,
    seed: Annotated[int, typer.Option(help="Seed for every random choice in the run.")] = 0,
) -> None:
    """Run a month's project (`aieng run m03`) or every built month (`aieng run all`)."""
    out = console.stdout()
    built = built_months()
    if month is None:
        planned = [m for m in load().months if m.id not in built]
        if built:
            out.print(
                "[bold]Built months[/] (run one with `aieng run mNN`, all with `aieng run all`):"
            )
            for p in built.values():
                out.print(f"  {p.id}  {escape(p.title)}")
        else:
            out.print(
                "No month is built yet: each month appears here once its project really runs."
            )
        out.print(f"[dim]Planned: {', '.join(m.id for m in planned)} (see `aieng roadmap`).[/]")
        return
    if month.strip().lower() != "all":
        _show(run_month(month, seed=seed))
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console.stderr(),
        transient=True,
    ) as bar:
        task = bar.add_task("running", total=len(built))

        def advance(done: int, project: MonthProject) -> None:
            bar.update(task, completed=done, description=f"{project.id} {project.title}")

        records, index = run_all(seed=seed, on_month=advance)
    for record in records:
        _show(record)
    if not records:
        out.print("No month is built yet; the portfolio lists the twelve as planned.")
    out.print(f"[bold]Portfolio:[/] {index}")
