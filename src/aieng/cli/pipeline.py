"""``aieng pipeline run | init | contract``: month 6's pipeline from the command line.

Wiring only: :func:`aieng.pipeline.run_pipeline` does the work. pandas, scikit-learn and MLflow
are imported inside the commands, so ``aieng --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from aieng.cli import console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from aieng.pipeline.stages import StageRecord

app = typer.Typer(help="The ML pipeline of month 6: validate, clean, train, gate, register.")

MARK = {"ran": "[green]✓[/]", "skipped": "[dim]↷[/]", "failed": "[red]✗[/]"}
TRACKING_HELP = "MLflow tracking URI (default: the embedded store under $AIENG_HOME/mlflow)."
ARTIFACTS_HELP = (
    "Keep a new experiment's artifacts (models, reports) at s3://BUCKET/PREFIX; default "
    "$AIENG_ARTIFACTS, else beside the tracking store. The store's URL and keys come from the "
    "environment only: MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY."
)


class _Display:
    """Rich progress: a spinner on the running stage, one line per finished stage."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self.bar, self.task = bar, task
        self.stage = ""

    def started(self, stage: str) -> None:
        self.stage = stage
        self.bar.update(self.task, description=stage)

    def step(self, text: str) -> None:
        self.bar.update(self.task, description=f"{self.stage}: {escape(text)}")

    def finished(self, record: StageRecord) -> None:
        facts = record.facts_text(digits=4)
        # A skipped stage took no time now; its time when it last ran is shown in brackets.
        took = f"{record.seconds:6.1f} s" if record.status == "ran" else f"({record.seconds:.1f} s)"
        self.bar.console.print(
            f"{MARK[record.status]} {record.name:<9} {record.status:<8} {took:>9}  "
            f"[dim]{escape(facts)}[/]"
        )


@app.command("run")
def run(
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Pipeline TOML (default: the churn pipeline)."),
    ] = None,
    tracking_uri: Annotated[str | None, typer.Option(help=TRACKING_HELP)] = None,
    artifacts: Annotated[str | None, typer.Option(help=ARTIFACTS_HELP)] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Rerun every stage, even those whose inputs are unchanged."),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(help="Where to write the HTML report (default: in the pipeline's workspace)."),
    ] = None,
) -> None:
    """Run the pipeline: ingest, validate, clean, split, features, train, evaluate, register."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from aieng.pipeline import load_config, run_pipeline
    from aieng.supervised.evaluate import NAMES

    settings = load_config(config)
    err = console.stderr()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("starting MLflow", total=None)
        result = run_pipeline(
            settings,
            tracking_uri=tracking_uri,
            artifacts=artifacts,
            report_path=report,
            force=force,
            listener=_Display(bar, task),
        )
    ev, out = result.evaluation, console.stdout()
    primary = ev.primary
    name = NAMES.get(primary, primary)
    out.print(
        f"[bold]{escape(result.comparison.winner)}[/]: {name} {ev.test[primary]:.3f} on "
        f"{ev.rows_test:,} held-out rows (baseline {ev.baseline[primary]:.3f})."
    )
    out.print(escape(result.decision.reason))
    if result.model_version:
        out.print(f"Registered model: [bold]{settings.name}[/] version {result.model_version}.")
    out.print(f"MLflow run: {result.run_id}  ({escape(result.tracking_uri)})")
    out.print(f"Report: {escape(str(result.report))}")


@app.command("init")
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the config.")] = Path(
        "pipeline.toml"
    ),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write the churn pipeline's config, with comments, as a starting point to edit."""
    from aieng.io import atomic_write, check_output
    from aieng.pipeline.config import default_text

    check_output(path, overwrite=force)
    atomic_write(path, default_text())
    console.stdout().print(
        f"Wrote {escape(str(path))}. Edit it, then: aieng pipeline run --config {escape(str(path))}"
    )


@app.command("contract")
def contract(
    input: Annotated[Path, typer.Argument(help="A table you trust: .csv, .tsv, .parquet, .jsonl.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the contract here (default: print).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="A column to leave out (repeatable).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
) -> None:
    """Draft a data contract from a table: types, observed ranges and categories, to edit."""
    from aieng.contract import draft_contract
    from aieng.io import atomic_write, check_output
    from aieng.tables import read_table

    if out is not None:
        check_output(out, source=input, overwrite=force)
    frame = read_table(input)
    text = draft_contract(frame, exclude=exclude or ()).to_toml()
    note = (
        "# Drafted by `aieng pipeline contract` from the data seen so far: widen the ranges to\n"
        "# what is possible, not what happened to occur, before you rely on it.\n"
    )
    if out is None:
        console.stdout().out(note + text, highlight=False)
        return
    atomic_write(out, note + text)
    console.stderr().print(f"Wrote {escape(str(out))} ({len(frame.columns)} columns).")


@app.command("export")
def export(
    out: Annotated[Path, typer.Argument(help="A new folder for the model.")],
    model: Annotated[
        str, typer.Option(help="NAME@ALIAS or NAME/VERSION in the registry.")
    ] = "churn@champion",
    tracking_uri: Annotated[str | None, typer.Option(help=TRACKING_HELP)] = None,
) -> None:
    """Copy a registered model's MLflow folder out, for `aieng serve --model-dir` or a container."""
    from aieng.integrity import DIGEST_FILE
    from aieng.registry import tracking, versions

    versions.parse_reference(model)  # a malformed reference fails before MLflow starts
    versions.check_export_folder(out)  # and so does a folder that cannot be made
    client = tracking.connect(tracking_uri)
    path = versions.export_model(client, model, out)
    digest = (path / DIGEST_FILE).read_text(encoding="utf-8").strip()
    console.stdout().print(f"Exported {escape(model)} to {escape(str(path))}")
    # The digest, to pin where the folder is served: the service then refuses a changed copy.
    console.stdout().print(f"sha256 {digest}  (serve it with AIENG_SERVE_MODEL_SHA256={digest})")
