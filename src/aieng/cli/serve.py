"""``aieng serve``: the month-6 champion as a REST service (FastAPI + uvicorn).

Wiring only: settings from the environment (``AIENG_SERVE_*``, ``.env``) overridden by the
options given here; the app is :func:`aieng.serve.app.create_app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aieng.cli import console

if TYPE_CHECKING:
    from aieng.serve.settings import ServeSettings


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
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Serve the champion model over HTTP: /v1/predict, /v1/model, /health, /metrics, /docs."""
    import uvicorn

    from aieng.serve import logs
    from aieng.serve.settings import ServeSettings

    given = {
        "model": model,
        "model_dir": model_dir,
        "host": host,
        "port": port,
        "workers": workers,
        "tracking_uri": tracking_uri,
    }
    settings = ServeSettings.model_validate({k: v for k, v in given.items() if v is not None})
    if settings.model_dir is not None and not settings.model_dir.is_dir():
        from aieng.errors import InputFileError

        raise InputFileError(
            f"--model-dir {str(settings.model_dir)!r} is not a folder",
            hint="export one with `aieng pipeline export DIR`.",
        )
    logs.configure(log_level)
    where = settings.model_dir or settings.model
    console.stderr().print(
        f"Serving {where} on http://{settings.host}:{settings.port} "
        f"({settings.workers} worker(s)); docs at /docs. Ctrl+C stops."
    )
    if settings.workers > 1:
        # Each worker process builds its own app from the same environment.
        import os

        os.environ.update(_as_env(settings))
        uvicorn.run(
            "aieng.serve.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_config=logs.dict_config(log_level),
            access_log=False,
        )
        return
    from aieng.serve.app import create_app

    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=logs.dict_config(log_level),
        access_log=False,
    )


def _as_env(settings: ServeSettings) -> dict[str, str]:
    """The settings given on the command line, as the environment worker processes read."""
    out = {}
    for key in ("model", "host", "port", "tracking_uri"):
        value = getattr(settings, key)
        if value is not None:
            out[f"AIENG_SERVE_{key.upper()}"] = str(value)
    if settings.model_dir is not None:
        out["AIENG_SERVE_MODEL_DIR"] = str(settings.model_dir)
    return out
