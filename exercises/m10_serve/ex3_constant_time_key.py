"""Exercise m10.constant-time-key — check an API key without leaking it through timing.

The service reads the caller's key from the ``X-API-Key`` header. ``given == stored`` stops
at the first character that differs, so a wrong key that starts right takes a little longer to
refuse: an attacker who measures enough answers can guess a key one character at a time.
``hmac.compare_digest(a, b)`` takes the same time wherever the difference is. And with several
keys, stopping at the first one that matches tells which key is close: compare with *every*
key, then decide.

Write ``key_status(given, api_keys, admin_key, admin_route)`` returning the HTTP status the
request gets (``given`` is ``""`` when no key was sent; ``admin_key`` is ``""`` when none is
configured):

- a predict route (``admin_route`` False): ``200`` if no API keys are configured (the service
  is open), if ``given`` is the admin key, or if it is one of ``api_keys``; else ``401``;
- an admin route (``admin_route`` True): ``403`` if no admin key is configured (the admin
  routes are switched off); ``200`` if ``given`` is the admin key; ``403`` if ``given`` is a
  valid predict key (we know who you are, and you may not do this); else ``401`` (no valid key:
  who are you?).

Compare keys only with ``hmac.compare_digest`` (never ``==`` or ``in``), against every stored
key the rule needs, with no early exit: build the list of results first (a list comprehension),
then ``any(...)`` of it. An empty ``given`` may be refused at once: that tells nothing.

``check_key`` is written for you and is what the grader calls: it returns your status and
``constant_time`` (1 if ``hmac.compare_digest`` saw every stored key the rule needs).

Check it with ``aieng check m10.constant-time-key``; stuck? ``aieng hint m10.constant-time-key``.
"""

import hmac
import secrets
from typing import Any


def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
    # TODO: def same(a, b): return hmac.compare_digest(a.encode(), b.encode())
    # TODO: is_admin = bool(admin_key) and same(given, admin_key)
    # TODO: admin route: 403 if no admin key; 200 if is_admin; 403 if given matches a predict key
    # TODO:   (every key compared: any([same(given, k) for k in api_keys])); else 401
    # TODO: predict route: 200 if no api_keys or is_admin or any([...every key...]); else 401
    raise NotImplementedError("write key_status")


def check_key(
    given: str, api_keys: list[str], admin_key: str, admin_route: bool
) -> tuple[int, int]:
    """Graded (leave as is): (your status, constant_time: 1 if every needed key was compared)."""
    compared: list[str] = []
    original = hmac.compare_digest

    def counted(a: Any, b: Any) -> bool:  # hmac.compare_digest, counting what it sees
        for value in (a, b):
            compared.append(value.decode() if isinstance(value, bytes) else str(value))
        return original(a, b)

    hmac.compare_digest = secrets.compare_digest = counted
    mine = globals().get("compare_digest")  # `from hmac import compare_digest` works too
    if mine is original:
        globals()["compare_digest"] = counted
    try:
        status = key_status(given, list(api_keys), admin_key, admin_route)
    finally:
        hmac.compare_digest = secrets.compare_digest = original
        if mine is original:
            globals()["compare_digest"] = original
    if not isinstance(status, int) or status not in (200, 401, 403):
        raise ValueError(f"key_status must return 200, 401 or 403, got {status!r}")
    needed: set[str]
    if not given:
        needed = set()  # refusing an empty key at once tells an attacker nothing
    elif admin_route:
        needed = {admin_key} if admin_key else set()
    elif not api_keys or (admin_key and given == admin_key):
        needed = set()
    else:
        needed = set(api_keys)
    return int(status), int(needed <= set(compared))
