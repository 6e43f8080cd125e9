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

Compare keys only with ``hmac.compare_digest`` — never ``==``, ``in`` or ``startswith``, on
any route — and against every stored key the rule needs, with no early exit on the first match.
An empty ``given`` may be refused at once: that tells nothing.

The grader hands your function keys that report every comparison made with them, and counts the
keys ``hmac.compare_digest`` is shown.

Check it with ``aieng check m10.constant-time-key``; stuck? ``aieng hint m10.constant-time-key``.
"""

import hmac


def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
    # TODO: one way to compare two keys, in constant time
    # TODO: the admin route's rule, then the predict route's, each comparing every key it needs
    raise NotImplementedError("write key_status")
