"""The service's routes, one router per concern, each with who may call it.

``ACCESS`` is the whole list: the app includes every router with the key its access names
(:mod:`aieng.serve.app`). A router a later month adds goes here too, and
``tests/code/test_serve.py`` checks that every route but the probes and the docs refuses a
request without a key.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from aieng.serve.routes import admin, model, predictions, probes

Access = Literal["public", "key", "admin"]

ACCESS: tuple[tuple[APIRouter, Access], ...] = (
    (probes.router, "public"),  # an orchestrator and Prometheus hold no key
    (predictions.router, "key"),
    (model.router, "key"),
    (admin.router, "admin"),
)
