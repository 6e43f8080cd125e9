"""Entry point of the ``aieng`` command: the root app, global options and error reporting."""

from __future__ import annotations

import sys
import traceback
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import TyperException

from aieng import __version__
from aieng.cli import console
from aieng.errors import AiengError


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
    err = console.stderr()
    for line in lines:
        if line:
            err.print(escape(line), soft_wrap=True)


app = typer.Typer(
    cls=_ReportingGroup,
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


def _register_commands() -> None:
    """Attach every command group (imported here so ``aieng --help`` lists them all)."""
    from aieng.cli import clean as clean_cli
    from aieng.cli import compare as compare_cli
    from aieng.cli import data, progress, roadmap, run
    from aieng.cli import experiments as experiments_cli
    from aieng.cli import explore as explore_cli
    from aieng.cli import learn as learn_cli
    from aieng.cli import pipeline as pipeline_cli
    from aieng.cli import predict as predict_cli
    from aieng.cli import segment as segment_cli
    from aieng.cli import serve as serve_cli

    app.add_typer(roadmap.app, name="roadmap")
    app.add_typer(progress.app, name="progress")
    app.command(name="next", help=progress.next_step.__doc__)(progress.next_step)
    app.add_typer(data.app, name="data")
    app.command(name="run", help=run.run.__doc__)(run.run)
    app.command(name="clean", help=clean_cli.clean.__doc__)(clean_cli.clean)
    app.command(name="explore", help=explore_cli.explore.__doc__)(explore_cli.explore)
    app.command(name="compare", help=compare_cli.compare.__doc__)(compare_cli.compare)
    app.command(name="segment", help=segment_cli.segment.__doc__)(segment_cli.segment)
    app.command(name="serve", help=serve_cli.serve.__doc__)(serve_cli.serve)
    app.command(name="predict", help=predict_cli.predict.__doc__)(predict_cli.predict)
    app.add_typer(learn_cli.app, name="learn")
    app.add_typer(pipeline_cli.app, name="pipeline")
    app.add_typer(experiments_cli.app, name="experiments")
    for command in (learn_cli.check, learn_cli.hint, learn_cli.solution, learn_cli.quiz):
        app.command(name=command.__name__, help=command.__doc__)(command)


_register_commands()


def main() -> None:
    """Console-script entry point (``aieng``)."""
    app(prog_name="aieng")
