"""``create_app(settings)``: the FastAPI application that serves the month-6 champion.

The app is assembled here and nothing else: the parts it shares (:mod:`aieng.serve.service`),
one router per concern (:mod:`aieng.serve.routes`), the request middleware, the error handlers
(:mod:`aieng.serve.responses`) and the OpenAPI document (:mod:`aieng.serve.openapi`).

Routes: ``POST /v1/predict`` (one record or a list), ``POST /v1/feedback``, ``GET /v1/model``,
``GET /health`` (the process is up), ``GET /ready`` (a model is loaded and the log writes),
``GET /metrics`` (Prometheus), ``POST /v1/admin/reload`` and ``/docs``, which renders offline.
Who may call each is declared with its router, not in each route: a route added to a protected
router is protected without a line of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi_offline import FastAPIOffline

from aieng import __version__
from aieng.serve.auth import admin_key, api_key
from aieng.serve.middleware import RequestContext
from aieng.serve.model import ServedModel
from aieng.serve.openapi import document
from aieng.serve.responses import add_error_handlers
from aieng.serve.routes import ACCESS, Access
from aieng.serve.service import Service, default_loader
from aieng.serve.settings import ServeSettings

GUARDS: dict[Access, list[Any]] = {
    "public": [],
    "key": [Depends(api_key)],
    "admin": [Depends(admin_key)],
}


def create_app(
    settings: ServeSettings | None = None,
    *,
    loader: Callable[[], ServedModel] | None = None,
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """The application; the model is loaded when it starts (``loader`` overrides the settings).

    ``routers``: more routes (a later month's), all behind the API key.
    """
    settings = settings or ServeSettings()
    service = Service(settings, loader or default_loader(settings))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPIOffline(
        title="aieng churn service",
        version=__version__,
        description="The month-6 champion as a REST service (month 10 of the AI Engineering "
        "Roadmap). Request fields come from the model's data contract: GET /v1/model.",
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(
        RequestContext,
        metrics=service.metrics,
        max_body_bytes=settings.max_body_bytes,
        max_in_flight=settings.max_in_flight,
    )
    add_error_handlers(app)
    for router, access in (*ACCESS, *((r, "key") for r in routers)):
        app.include_router(router, dependencies=GUARDS[access])

    def openapi() -> dict[str, Any]:
        """The OpenAPI document (aieng.serve.openapi), made once a model is loaded."""
        if app.openapi_schema is not None:
            return app.openapi_schema
        if service.serving is None:  # not kept: a model will bring its request schema
            return document(app, settings, None, None)
        model = service.serving.model
        labels = (model.positive_class, model.negative_class)
        app.openapi_schema = document(app, settings, service.serving.record, labels)
        return app.openapi_schema  # until a reload brings another model

    app.openapi = openapi  # type: ignore[method-assign]
    return app
