"""``aieng experiments``: list the runs month 6 recorded, compare two of them.

Wiring only: :mod:`aieng.pipeline.experiments` reads the tracking store; this module formats.
MLflow and pandas are imported inside the commands, so ``aieng --help`` stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from aieng.cli import console
from aieng.cli.data import _grid  # two columns, wrapped text indented

if TYPE_CHECKING:
    from aieng.pipeline.experiments import RunSummary

app = typer.Typer(
    help="The runs `aieng pipeline run` recorded in the MLflow tracking store: list them "
    "(which model is champion, and why) and compare two (what changed, and what it did).",
    no_args_is_help=True,
)

UriOption = Annotated[
    str | None,
    typer.Option(
        "--tracking-uri",
        help="MLflow tracking store (default: the embedded one under $AIENG_HOME/mlflow).",
    ),
]
RunArg = Annotated[str, typer.Argument(help="A run id or a unique prefix of one (≥ 4 characters).")]
_STATUS_STYLE = {"FINISHED": "green", "FAILED": "red", "RUNNING": "yellow"}
_DECISION_STYLE = {"champion": "bold green", "challenger": "yellow", "rejected": "red"}


@app.command("list")
def list_(
    experiment: Annotated[
        str | None, typer.Option("--experiment", "-e", help="Only this experiment (pipeline name).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many runs to show.")] = 20,
    reasons: Annotated[
        bool, typer.Option("--reasons", help="Also show why each run got its decision.")
    ] = False,
    tracking_uri: UriOption = None,
) -> None:
    """List the newest runs: status, winner, held-out score vs baseline, decision, champion."""
    from aieng.pipeline import experiments as exp
    from aieng.registry.tracking import default_uri

    uri = tracking_uri or default_uri()
    client = exp.open_store(uri)
    runs = None if client is None else exp.list_runs(client, experiment=experiment, limit=limit)
    out = console.stdout()
    if runs is None or runs.empty:
        empty = f"No runs yet in experiment {experiment!r}" if experiment and client else None
        out.print(f"{escape(empty or f'No experiments yet in {uri}')}. {escape(exp.FIRST_RUN)}.")
        return
    out.print(f"[bold]Runs in {escape(uri)}[/bold], newest first\n")
    # One table per experiment: each has its own primary metric and its own champion.
    for name in runs["experiment"].drop_duplicates():
        part = runs[runs["experiment"] == name].to_dict("records")
        out.print(_runs_table(str(name), part, wide=out.width >= 100))
        if reasons:
            out.print(_grid([(row["run_id"][:8], escape(row["reason"]) or "—") for row in part]))
        out.print()
    more = "" if reasons else " --reasons says why each decision was made."
    if len(runs) == limit:
        more += f" Only the newest {limit} are shown: --limit N shows more."
    out.print(
        "★ = its model version holds the `champion` alias. "
        f"`aieng experiments compare RUN RUN` compares two.{more}"
    )


@app.command()
def compare(run_a: RunArg, run_b: RunArg, tracking_uri: UriOption = None) -> None:
    """Compare two runs: the params that differ, the metrics side by side (B − A), data, config."""
    from aieng.pipeline import experiments as exp

    diff = exp.compare_runs(exp.require_store(tracking_uri), run_a, run_b)
    out = console.stdout()
    out.print(_identity_table(diff.a, diff.b))
    out.print(
        f"\nData:   {_same(diff.same_data, diff.a.data_hash, diff.b.data_hash)}\n"
        f"Config: {_same(diff.same_config, diff.a.config_hash, diff.b.config_hash)}"
    )
    if diff.same_test_rows:
        out.print("Held-out rows: the same, so the test_* deltas compare like with like.\n")
    else:
        changed = diff.split_changes
        why = f"{', '.join(changed)} {'differs' if len(changed) == 1 else 'differ'}"
        why = why if changed else "the data differ"
        out.print(
            f"Held-out rows: [bold]not the same[/bold] ({escape(why)}): the test_* deltas "
            "compare different rows. A run's champion_test_* scores the "
            "champion of its time on that run's rows.\n"
        )
    n_changed = len(diff.params_changed)
    title = f"Params: {n_changed} differ, {diff.params_same_count} the same"
    if n_changed:
        params = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
        params.add_column("param", no_wrap=True)
        params.add_column("A", overflow="fold")
        params.add_column("B", overflow="fold")
        for row in diff.params_changed.to_dict("records"):
            params.add_row(escape(row["param"]), _text(row["a"]), _text(row["b"]))
        out.print(params)
    else:
        out.print(f"[bold]{title}[/bold]\n")
    metrics = Table(box=box.SIMPLE_HEAD, title="Metrics (B − A)", title_justify="left")
    metrics.add_column("", style="dim", no_wrap=True)
    for header in ("metric", "A", "B", "B − A"):
        metrics.add_column(header, justify="left" if header == "metric" else "right")
    group = ""
    for row in diff.metrics.to_dict("records"):
        shown = row["group"] if row["group"] != group else ""
        group = row["group"]
        metrics.add_row(
            shown,
            escape(row["metric"]),
            _num(row["a"]),
            _num(row["b"]),
            _num(row["delta"], sign=True),
        )
    out.print(metrics)


def _runs_table(experiment: str, rows: list[dict[Hashable, Any]], *, wide: bool) -> Table:
    """One experiment's runs. Within 80 columns the start time goes under the run id."""
    primaries = sorted({row["primary"] for row in rows if row["primary"]}) or ["primary"]
    mixed = len(primaries) > 1  # the primary metric changed between runs: say which is which
    table = Table(
        title=f"[bold]{escape(experiment)}[/bold]",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0) if wide else (0, 0),
        pad_edge=False,
        show_edge=False,
    )
    table.add_column("run" if wide else "run\nstarted", no_wrap=True)
    if wide:
        table.add_column("started", no_wrap=True)
    table.add_column("status", no_wrap=True)
    # Only the winner's name may wrap (on a narrow terminal): every other cell stays whole.
    table.add_column("winner", overflow="fold", max_width=32)
    table.add_column(
        "held-out" if mixed else f"test\n{primaries[0]}", justify="right", no_wrap=True
    )
    table.add_column("baseline", justify="right", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    table.add_column("version", justify="right", no_wrap=True)
    for row in rows:
        mark = "[bold green]★[/bold green]" if row["champion"] else " "
        prefix = f"{row['primary']} " if mixed and row["primary"] else ""
        run = f"{mark} {row['run_id'][:8]}"
        when = [_when(row["started"])] if wide else []
        table.add_row(
            run if wide else f"{run}\n  {_when(row['started'])}",
            *when,
            _styled(row["status"], _STATUS_STYLE),
            escape(row["winner"]) or "—",
            prefix + _num(row["test"]),
            _num(row["baseline"]),
            _styled(row["decision"], _DECISION_STYLE),
            escape(row["model_version"]) or "—",
        )
    return table


def _identity_table(a: RunSummary, b: RunSummary) -> Table:
    """Run A and run B side by side, one fact per line, so long reasons wrap in place."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("A", overflow="fold", ratio=1)
    table.add_column("B", overflow="fold", ratio=1)
    facts = [
        ("run", a.run_id[:8], b.run_id[:8]),
        ("name", escape(a.name), escape(b.name)),
        ("experiment", escape(a.experiment), escape(b.experiment)),
        ("started", _when(a.started), _when(b.started)),
        ("status", _styled(a.status, _STATUS_STYLE), _styled(b.status, _STATUS_STYLE)),
        ("winner", escape(a.winner) or "—", escape(b.winner) or "—"),
        ("decision", _styled(a.decision, _DECISION_STYLE), _styled(b.decision, _DECISION_STYLE)),
        ("reason", escape(a.reason) or "—", escape(b.reason) or "—"),
        ("model version", escape(a.model_version) or "—", escape(b.model_version) or "—"),
    ]
    for fact in facts:
        table.add_row(*fact)
    return table


def _when(value: Any) -> str:
    # Local time to the minute; NaT (a run with no start time) is a datetime unequal to itself.
    if not isinstance(value, datetime) or value != value:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M")


def _same(same: bool, a: str, b: str) -> str:
    if same:
        return f"same ({a[:12]})"
    if not a or not b:
        return "unknown (a run has no hash)"
    return f"[bold]different[/bold] (A {a[:12]}, B {b[:12]})"


def _styled(text: str, styles: dict[str, str]) -> str:
    if not text:
        return "—"
    style = styles.get(text)
    return f"[{style}]{escape(text)}[/{style}]" if style else escape(text)


def _text(value: object) -> str:
    return "—" if value is None else escape(str(value))


def _num(value: Any, *, sign: bool = False) -> str:
    """4 decimals for scores, thousands separators for counts, a dash where there is none."""
    if value is None or math.isnan(value):
        return "—"
    plus = "+" if sign else ""
    if float(value).is_integer() and abs(value) >= 1:
        return f"{value:{plus},.0f}"
    return f"{value:{plus}.4f}"
