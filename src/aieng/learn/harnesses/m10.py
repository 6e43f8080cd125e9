"""Harnesses of month 10: an app answered through TestClient, API keys that tell on ``==``.

``post`` (m10.endpoint) builds the learner's app once (``create_app()``), sends the case's body
to ``POST /predict`` with FastAPI's ``TestClient`` — no server, no socket, inside the sandbox —
and returns what a client sees: the status code, the fields a 422's errors name, the
probability (-1 when the answer is not a 200) and ``churn`` as the JSON value it is (a JSON
``true``, not ``1``). FastAPI is imported inside: the learner's file imports it anyway.

``key_status`` (m10.constant-time-key) calls the learner's ``key_status`` with the keys dressed
as :class:`Secret` — a ``str`` that notes every ``==``, ``!=``, ``<``, ``startswith`` … made
between two secrets, on *every* route, including ``given in api_keys`` (which is ``==`` on each
key until one matches) — and with ``hmac.compare_digest`` replaced by a stand-in that counts
the stored keys it is shown. It returns the status, the plain comparisons seen (none, for a
right answer), and whether every stored key the rule needs went through ``compare_digest`` (no
early exit). A learner's function that puts the real ``compare_digest`` back is refused.
"""

from __future__ import annotations

import hmac
import secrets
import warnings
from collections.abc import Callable
from typing import Any

from aieng.learn.harnesses import Refused, patched

# The real function, kept before any learner's file is imported (the child imports this first).
_COMPARE_DIGEST = hmac.compare_digest

FIELDS = ("tenure", "monthly_charges", "contract", "paperless_billing", "total_charges")
ELSEWHERE = "(another location)"  # a 422 error located outside the record's fields


# ── m10.endpoint ──────────────────────────────────────────────────────────────────────────────

_clients: list[tuple[Callable[..., Any], Any]] = []  # (create_app, its TestClient): one app


def post(create_app: Callable[..., Any], body: Any) -> tuple[int, list[str], float, Any]:
    """``POST /predict`` with ``body`` (a JSON value, or raw text) to ``create_app()``'s app."""
    client = _client(create_app)
    if isinstance(body, str):  # raw text: sent as it is, to see what invalid JSON gets
        response = client.post(
            "/predict", content=body, headers={"content-type": "application/json"}
        )
    else:
        response = client.post("/predict", json=body)
    named: set[str] = set()
    if response.status_code == 422:
        for error in response.json().get("detail", []):
            hits = [part for part in error.get("loc", []) if part in FIELDS]
            named.add(hits[0] if hits else ELSEWHERE)
    fields = [name for name in (*FIELDS, ELSEWHERE) if name in named]
    if response.status_code != 200:
        return response.status_code, fields, -1.0, None
    answer = response.json()
    if (
        not isinstance(answer, dict)
        or set(answer) != {"probability", "churn"}
        or not isinstance(answer["probability"], int | float)
    ):
        raise Refused(
            '/predict answers {"probability": p, "churn": …}',
            [
                'a 200 from /predict should be the JSON object {"probability": p, "churn": '
                f"p >= THRESHOLD}}, with p a number; it was {answer!r}. Return a dict with "
                "exactly those two keys from the route.",
            ],
        )
    return 200, fields, float(answer["probability"]), answer["churn"]


def _client(create_app: Callable[..., Any]) -> Any:
    """The TestClient of ``create_app()``'s app, made on the first case and kept."""
    for made_by, client in _clients:
        if made_by is create_app:
            return client
    with warnings.catch_warnings():  # Starlette 1.x: "install httpx2" — not the learner's news
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    client = TestClient(create_app())
    _clients[:] = [(create_app, client)]
    return client


# ── m10.constant-time-key ─────────────────────────────────────────────────────────────────────

_seen: list[str] = []  # the plain comparisons made between two secrets during one call


def _noted(op: str, a: Any, b: Any) -> None:
    if isinstance(a, Secret | SecretBytes) and isinstance(b, Secret | SecretBytes):
        _seen.append(op)


class Secret(str):
    """A key as a ``str`` that notes every comparison with another key: its time leaks."""

    __slots__ = ()
    __hash__ = str.__hash__  # defining __eq__ would otherwise remove it

    def __eq__(self, other: object) -> bool:
        _noted("==", self, other)
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        _noted("!=", self, other)
        return str.__ne__(self, other)

    def __lt__(self, other: str) -> bool:
        _noted("<", self, other)
        return str.__lt__(self, other)

    def __contains__(self, other: object) -> bool:
        _noted("in", self, other)
        return str.__contains__(self, other)  # type: ignore[operator]

    def startswith(self, prefix: Any, *args: Any) -> bool:
        _noted("startswith", self, prefix)
        return str.startswith(self, prefix, *args)

    def endswith(self, suffix: Any, *args: Any) -> bool:
        _noted("endswith", self, suffix)
        return str.endswith(self, suffix, *args)

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> SecretBytes:
        return SecretBytes(str.encode(self, encoding, errors))

    def strip(self, chars: str | None = None) -> Secret:
        return Secret(str.strip(self, chars))


class SecretBytes(bytes):
    """A key's bytes (``Secret.encode()``), noting comparisons the same way."""

    __slots__ = ()
    __hash__ = bytes.__hash__

    def __eq__(self, other: object) -> bool:
        _noted("==", self, other)
        return bytes.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        _noted("!=", self, other)
        return bytes.__ne__(self, other)


def key_status(
    key_status: Callable[..., Any],
    given: str,
    api_keys: list[str],
    admin_key: str,
    admin_route: bool,
) -> tuple[Any, list[str], bool]:
    """(the status, the plain comparisons seen, every needed key went through compare_digest)."""
    compared: list[str] = []

    def counted(a: Any, b: Any) -> bool:  # hmac.compare_digest, counting what it is shown
        for value in (a, b):
            compared.append(value.decode() if isinstance(value, bytes) else str(value))
        return _COMPARE_DIGEST(a, b)

    stand_ins = {(hmac, "compare_digest"): counted, (secrets, "compare_digest"): counted}
    _seen.clear()
    with patched(key_status, stand_ins, what="key_status()"):
        status = key_status(
            Secret(given), [Secret(k) for k in api_keys], Secret(admin_key), admin_route
        )
    needed = needed_keys(given, api_keys, admin_key, admin_route)
    return status, sorted(set(_seen)), needed <= set(compared)


def needed_keys(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> set[str]:
    """The stored keys a constant-time check must compare ``given`` with, every one of them."""
    if not given:
        return set()  # refusing an empty key at once tells an attacker nothing
    if admin_route:
        return {admin_key} if admin_key else set()
    if not api_keys or (admin_key and given == admin_key):
        return set()
    return set(api_keys)
