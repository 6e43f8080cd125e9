"""API keys: who may call which route, checked in constant time, never logged.

With ``AIENG_SERVE_API_KEYS`` set, every route but the probes needs one of the keys in
``X-API-Key`` (401 otherwise); the admin routes need ``AIENG_SERVE_ADMIN_KEY`` (401 without a
key, 403 with a predict key). The app declares this per router (:func:`api_key`,
:func:`admin_key` as the router's dependencies, :mod:`aieng.serve.app`), so a route added to a
protected router cannot forget it.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request

from aieng.serve.responses import ApiError
from aieng.serve.settings import ServeSettings


def check_key(request: Any, settings: ServeSettings, *, admin: bool) -> None:
    """401 without a valid key, 403 with a valid key that is not allowed here."""
    given = request.headers.get("x-api-key", "")
    admin_secret = settings.admin_key.get_secret_value()
    is_admin = bool(admin_secret) and same(given, admin_secret)
    if admin:
        if not admin_secret:
            raise ApiError(
                403, "the admin endpoints are switched off", "set AIENG_SERVE_ADMIN_KEY."
            )
        if is_admin:
            return
        if given and any([same(given, k.get_secret_value()) for k in settings.api_keys]):
            raise ApiError(
                403, "this API key may not use the admin endpoints", "use the admin key."
            )
        raise ApiError(401, "missing or invalid admin key", "send it in the X-API-Key header.")
    if not settings.api_keys or is_admin:
        return
    # Every key is compared, in constant time, so timing tells nothing about which is close.
    if not any([same(given, k.get_secret_value()) for k in settings.api_keys]):
        raise ApiError(401, "missing or invalid API key", "send your key in the X-API-Key header.")


def same(a: str, b: str) -> bool:
    """``a == b`` in a time that does not depend on where they first differ."""
    return hmac.compare_digest(a.encode(), b.encode())


async def api_key(request: Request) -> None:
    """A router dependency: one of the API keys (or none needed: no keys are configured)."""
    check_key(request, request.app.state.service.settings, admin=False)


async def admin_key(request: Request) -> None:
    """A router dependency: the admin key."""
    check_key(request, request.app.state.service.settings, admin=True)
