"""``aieng compare INPUT --target COL``: compare supervised models on a table, write a report.

Wiring only: the file is read by :func:`aieng.tables.read_table`, the work is
:func:`aieng.supervised.compare`, the report :func:`aieng.supervised.build_report`. pandas and
scikit-learn are imported inside the command, so ``aieng --help`` stays fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from aieng.cli import console
from aieng.errors import UsageError
from aieng.supervised.config import CANDIDATES, CompareConfig, load_config, with_overrides

OUTPUTS = ("report.html", "model.joblib", "leaderboard.csv", "summary.json")  # in the folder


class TaskChoice(StrEnum):
    classification = "classification"
    regression = "regression"


def compare(
    input: Annotated[Path, typer.Argument(help="A CSV, TSV, Parquet or JSON-lines file.")],
    target: Annotated[str, typer.Option("--target", "-t", help="The column to predict.")],
    task: Annotated[
        TaskChoice | None,
        typer.Option(help="Default: classification for a two-valued or text target."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="TOML file with any of: task, candidates, folds, repeats, test_size, seed, "
            "positive_class, drop, domain_features, n_jobs, tree_depths, learning_curve_points, "
            "permutation_repeats, max_features, and a business table (offer_cost, saved_value, "
            "success_rate). Options given here override it.",
        ),
    ] = None,
    models: Annotated[
        str | None,
        typer.Option(help=f"Comma-separated candidates, from: {', '.join(CANDIDATES)}."),
    ] = None,
    folds: Annotated[int | None, typer.Option(help="k of the k-fold CV (default 5).")] = None,
    repeats: Annotated[int | None, typer.Option(help="Repeats of the k folds (default 2).")] = None,
    seed: Annotated[
        int | None, typer.Option(help="Seed of every random choice (default 0).")
    ] = None,
    positive_class: Annotated[
        str | None, typer.Option(help="The class to detect (default: the rarer one).")
    ] = None,
    drop: Annotated[
        list[str] | None, typer.Option("--drop", help="A column not to use (repeatable).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder (default: ./<INPUT name>-compare)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an earlier comparison in the folder.")
    ] = False,
) -> None:
    """Compare supervised models on a table with cross-validation; write a report and the winner."""
    from aieng.io import check_output
    from aieng.supervised import build_report, save_artifacts
    from aieng.supervised import compare as run_compare
    from aieng.tables import read_table

    settings = load_config(config) if config is not None else CompareConfig()
    settings = with_overrides(
        settings,
        task=None if task is None else task.value,
        candidates=None if models is None else _models(models),
        folds=folds,
        repeats=repeats,
        seed=seed,
        positive_class=positive_class,
        drop=None if not drop else (*settings.drop, *drop),
    )
    out_dir = out if out is not None else Path(f"{input.stem}-compare")
    for name in OUTPUTS:  # before the work: a long run must not end in "cannot write"
        check_output(out_dir / name, source=input, overwrite=force)
    with console.steps(f"reading {input.name}") as say:
        frame = read_table(input)
        say(f"comparing on {len(frame):,} rows × {frame.shape[1]:,} columns")
        result = run_compare(frame, target=target, config=settings, progress=say)
        say("writing the report")
        written = build_report(result, title=f"Model comparison: {input.name}").write(
            out_dir / "report.html"
        )
        artifacts = save_artifacts(result, out_dir)
    _show(result, written, artifacts)


def _models(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    if not names:
        raise UsageError(
            f"--models needs at least one name, got {text!r}",
            hint=f"e.g. --models dummy,linear,lightgbm (from: {', '.join(CANDIDATES)}).",
        )
    return names


def _show(result: Any, report: Path, artifacts: dict[str, Path]) -> None:
    from aieng.supervised.evaluate import NAMES

    out = console.stdout()
    board = result.leaderboard
    metrics = [result.primary] + [m for m in ("pr_auc", "f1", "r2", "mae") if m in board]
    table = Table(box=box.SIMPLE_HEAD, title="Cross-validated leaderboard (mean ± sd)")
    table.add_column("model")
    for metric in metrics:
        table.add_column(NAMES[metric], justify="right")
    table.add_column("train − valid", justify="right")
    for _, row in board.iterrows():
        cells = [f"{row[m]:.3f} ± {row[f'{m}_std']:.3f}" for m in metrics]
        table.add_row(escape(str(row["model"])), *cells, f"{row['gap']:+.3f}")
    out.print(table)
    for note in result.notes:
        out.print(f"[dim]{escape(note)}[/]")
    p = result.primary
    out.print(
        f"[bold]Winner:[/] {escape(result.winner)} · {NAMES[p]} on the untouched test split "
        f"{result.test_scores[p]:.3f}"
    )
    if result.top_two is not None:
        t = result.top_two
        verdict = "significant" if t.significant() else "not significant"
        out.print(
            f"  vs {escape(t.b)}: +{t.mean:.4f} {NAMES[p]}, corrected t-test p = {t.p_value:.3f} "
            f"({verdict})"
        )
    if result.threshold is not None:
        th = result.threshold
        out.print(
            f"  decision threshold by expected value: {th.threshold:.2f} "
            f"({th.test_value:.2f} per customer on the test split; 0.5 gives "
            f"{th.test_value_default:.2f})"
        )
    out.print(f"Report: {escape(str(report))}")
    out.print(f"Model:  {escape(str(artifacts['model']))}")
