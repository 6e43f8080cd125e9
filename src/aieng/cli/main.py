"""Entry point of the ``aieng`` command: the root app, global options and error reporting.

The commands are listed in ``COMMANDS`` and a command's module is imported only when it runs,
so ``aieng --help`` and ``aieng --version`` import none of them.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from aieng import __version__
from aieng.errors import AiengError

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand  # Typer's own copy of click


class _ReportingGroup(TyperGroup):
    """Root command group that turns exceptions into ``Error: … / Hint: …`` messages.

    A user error (:class:`~aieng.errors.AiengError`) prints its message and hint and exits with
    its code. Anything else is a bug in aieng: it is reported as such, with a pointer to
    ``--debug``, which shows the full traceback instead.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AiengError as exc:
            if _debug_requested(ctx):
                traceback.print_exc()
            _report(f"Error: {exc.message}", f"Hint: {exc.hint}" if exc.hint else "")
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, TyperException, KeyboardInterrupt):
            raise  # exits, aborts and usage errors: Typer reports these itself
        except Exception as exc:
            if _debug_requested(ctx):
                raise
            _report(
                f"Error: unexpected internal error ({type(exc).__name__}: {exc})",
                "Hint: this is a bug in aieng, not in your input. Rerun with `aieng --debug …` "
                "to see the traceback, and report it with that output.",
            )
            raise typer.Exit(1) from None


def _debug_requested(ctx: Any) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug")) or "--debug" in sys.argv[1:2]


def _report(*lines: str) -> None:
    # Imported here, not at the top: `aieng --version` then starts without Rich (0.16 s -> 0.11 s,
    # median of 25 runs); a run that ends in an error can afford the import.
    from rich.markup import escape

    from aieng.cli import console

    err = console.stderr()
    for line in lines:
        if line:
            err.print(escape(line), soft_wrap=True)


class CommandSpec(NamedTuple):
    """Where one command lives, and the line ``aieng --help`` shows for it."""

    module: str  # imported only when the command runs
    attribute: str  # a command function, or a Typer app (a group of commands)
    summary: str  # the first paragraph of the command's own help, on one line (a test checks)
    # The extras of pyproject.toml it needs, checked before its module is imported (aieng.extras);
    # `run` and the learn commands check per month instead, once they know which.
    extras: tuple[str, ...] = ()


# Every command, in the order `aieng --help` lists them. Importing the thirteen command modules
# (and pydantic, the roadmap and the data cards with them) to print that list made `aieng --help`
# take 0.34 s; from this table it takes 0.17 s, beside 0.013 s for `python -c pass` (median of
# 15 fresh processes, benchmarks/cli_start.py, 2-core machine).
COMMANDS: dict[str, CommandSpec] = {
    "next": CommandSpec(
        "aieng.cli.progress",
        "next_step",
        "Say what to do next: the topic under way, or the first pending one in the plan.",
    ),
    "run": CommandSpec(
        "aieng.cli.run",
        "run",
        "Run a month's project (`aieng run m03`) or every built month (`aieng run all`).",
    ),
    "clean": CommandSpec(
        "aieng.cli.clean",
        "clean",
        "Clean a table file: names, whitespace, missing tokens, types, categories, duplicates, "
        "outliers and gaps. Writes OUTPUT, OUTPUT.changes.json and OUTPUT.flags.csv.",
        extras=("analysis",),
    ),
    "explore": CommandSpec(
        "aieng.cli.explore",
        "explore",
        "Explore a table: distributions, gaps, correlations, target, bias, insights in plain "
        "words.",
        extras=("analysis",),
    ),
    "compare": CommandSpec(
        "aieng.cli.compare",
        "compare",
        "Compare supervised models on a table with cross-validation; write a report and the "
        "winner.",
        extras=("analysis",),
    ),
    "segment": CommandSpec(
        "aieng.cli.segment",
        "segment",
        "Segment the rows of a table (K-Means, checked against other methods) and explain them.",
        extras=("analysis",),
    ),
    "serve": CommandSpec(
        "aieng.cli.serve",
        "serve",
        "Serve the champion model over HTTP: /v1/predict, /v1/model, /health, /metrics, /docs.",
        extras=("serve",),
    ),
    "predict": CommandSpec(
        "aieng.cli.predict",
        "predict",
        "Score every row of a table through `aieng serve`; write it with the predictions added.",
        extras=("serve",),
    ),
    "check": CommandSpec(
        "aieng.cli.learn",
        "check",
        "Grade your exercise file: what failed, on which input, expected vs got.",
    ),
    "hint": CommandSpec(
        "aieng.cli.learn",
        "hint",
        "Hints in layers: each call reveals the next (the failure, the concept, where to read).",
    ),
    "solution": CommandSpec(
        "aieng.cli.learn",
        "solution",
        "The package's reference solution: after you pass, or with --reveal.",
    ),
    "quiz": CommandSpec(
        "aieng.cli.learn",
        "quiz",
        "A short concept quiz for a month: multiple choice and numbers, each explained.",
    ),
    "roadmap": CommandSpec(
        "aieng.cli.roadmap", "app", "Show the 12-month plan and where aieng teaches it."
    ),
    "progress": CommandSpec(
        "aieng.cli.progress",
        "app",
        "Track your progress: per topic and per exercise, stored offline.",
    ),
    "data": CommandSpec(
        "aieng.cli.data",
        "app",
        "The real datasets aieng ships with (offline): list them, read their data cards, export "
        "them to CSV, Parquet or JSON lines, or make a dirty copy with known faults.",
        extras=("analysis",),
    ),
    "learn": CommandSpec(
        "aieng.cli.learn",
        "app",
        "Exercises that grade themselves, offline: list them, start one.",
    ),
    "pipeline": CommandSpec(
        "aieng.cli.pipeline",
        "app",
        "The ML pipeline of month 6: validate, clean, train, gate, register.",
        extras=("pipeline",),
    ),
    "experiments": CommandSpec(
        "aieng.cli.experiments",
        "app",
        "The runs `aieng pipeline run` recorded in the MLflow tracking store: list them (which "
        "model is champion, and why) and compare two (what changed, and what it did).",
        extras=("pipeline",),
    ),
}


def load_command(name: str) -> ClickCommand:
    """Import the module of command NAME and build the command, as registering it up front would.

    A Typer app becomes a group of commands (``app.add_typer``), a function one command
    (``app.command``); Typer turns either into the click object that parses and runs it.
    """
    spec = COMMANDS[name]
    if spec.extras:
        from aieng.extras import require

        require(*spec.extras, by=f"aieng {name}")  # before an import could fail on a missing one
    target = getattr(importlib.import_module(spec.module), spec.attribute)
    holder = typer.Typer()
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name=name)(target)
    return typer.main.get_group(holder).commands[name]


class _LazyCommand(TyperCommand):
    """Stands in for a command in the root group: a name and one line of help, nothing imported.

    ``aieng --help`` reads only those two. Running the command (its own ``--help`` included)
    starts with ``make_context``, which parses the arguments: that is where the real command is
    built and takes over, so everything after it (parsing, help, the run) is the real one's.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name, help=COMMANDS[name].summary)
        self.key = name  # self.name may be None for click; the key into COMMANDS may not

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        return load_command(self.key).make_context(info_name, args, parent=parent, **extra)


class _LazyGroup(_ReportingGroup):
    """The root group: every command of ``COMMANDS`` as a stand-in, loaded when it runs.

    The stand-ins go in ``self.commands``, where click and Typer look: listing them in the help,
    finding the one typed, suggesting a name for a typo ("Did you mean 'clean'?") all work as is.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for name in COMMANDS:
            self.add_command(_LazyCommand(name))


app = typer.Typer(
    cls=_LazyGroup,
    name="aieng",
    help="The AI Engineering Roadmap as working software: follow the plan, run the projects, "
    "do the exercises.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aieng {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


def main() -> None:
    """Console-script entry point (``aieng``)."""
    app(prog_name="aieng")
