"""``aieng serve``: the month-6 champion as a REST service (FastAPI + uvicorn).

Wiring only: settings from the environment (``AIENG_SERVE_*``), or an env file given with
``--env-file``, overridden by the options given here; the app is
:func:`aieng.serve.app.create_app`, under uvicorn with the connection limits of
:mod:`aieng.serve.protocol`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from aieng.cli import console

SPARE_FILES = 64  # files a worker opens besides its connections (measured: about 30)


def serve(
    model: Annotated[
        str | None, typer.Option(help="NAME@ALIAS or NAME/VERSION (default churn@champion).")
    ] = None,
    model_dir: Annotated[
        Path | None, typer.Option(help="Serve an exported model folder instead (no registry).")
    ] = None,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes (default 1; measure first).")
    ] = None,
    tracking_uri: Annotated[
        str | None, typer.Option(help="MLflow tracking URI (default: the embedded store).")
    ] = None,
    env_file: Annotated[
        Path | None,
        typer.Option(help="Read AIENG_SERVE_* settings from this file (none is read otherwise)."),
    ] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Serve the champion model over HTTP: /v1/predict, /v1/model, /health, /metrics, /docs."""
    import os

    import uvicorn

    from aieng.serve import logs
    from aieng.serve.app import create_app
    from aieng.serve.model import check_source
    from aieng.serve.protocol import raise_open_files_limit, server_config
    from aieng.serve.service import pin_of
    from aieng.serve.settings import ServeSettings

    given: dict[str, Any] = {
        "model": model,
        "model_dir": model_dir,
        "host": host,
        "port": port,
        "workers": workers,
        "tracking_uri": tracking_uri,
    }
    if env_file is not None and not env_file.is_file():
        from aieng.errors import InputFileError

        raise InputFileError(
            f"--env-file {str(env_file)!r} is not a file",
            hint="give the path of a file of AIENG_SERVE_NAME=value lines.",
        )
    settings = ServeSettings(
        _env_file=env_file,
        **{k: v for k, v in given.items() if v is not None},
    )
    # A missing model or a changed folder is said here, as a clear error, not in a log line.
    where = check_source(
        model_dir=settings.model_dir,
        ref=settings.model,
        tracking_uri=settings.tracking_uri,
        pin=pin_of(settings),
    )
    logs.configure(log_level)
    # Every connection is a file; past the process's limit, accept() fails and nothing gets
    # in, /health included. So the cap stays below the limit, with room for the log, the
    # model's files and the libraries' own.
    open_files = raise_open_files_limit(settings.max_connections + SPARE_FILES)
    if settings.max_connections > open_files - SPARE_FILES:
        fewer = max(open_files - SPARE_FILES, 1)
        console.stderr().print(
            f"[yellow]Warning:[/] this process may open {open_files:,} files: at most "
            f"{fewer:,} connections, not {settings.max_connections:,} (ulimit -n raises it)."
        )
        settings = settings.model_copy(update={"max_connections": fewer})
    console.stderr().print(
        f"Serving {where} on http://{settings.host}:{settings.port} "
        f"({settings.workers} worker(s), {settings.max_connections:,} connections each, "
        f"{open_files:,} open files allowed); docs at /docs. Ctrl+C stops."
    )
    options = {
        "host": settings.host,
        "port": settings.port,
        "log_config": logs.dict_config(log_level),
        "access_log": False,  # ours has the request id (aieng.serve.middleware)
    }
    if settings.workers > 1:
        from uvicorn.supervisors import Multiprocess

        # Each worker process builds its own app from the same settings, in its environment.
        os.environ.update(settings.to_env())
        config = server_config(
            "aieng.serve.app:create_app",
            settings,
            factory=True,
            workers=settings.workers,
            **options,
        )
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server = uvicorn.Server(server_config(create_app(settings), settings, **options))
    server.run()
    if not server.started:  # the app did not start: its log says why
        raise typer.Exit(code=3)
