"""Exercise m01.warmup-plural — a function with a default argument: "1 row", "7,032 rows".

aieng's reports count things in words: "1 row dropped", "7,032 rows kept", "3 entries". Write
``count(n, noun, plural)`` returning that text:

- the number with a comma every three digits (``7,032``, ``1,234,567``), a space, then the noun;
- the noun is singular only when ``n`` is exactly 1: ``0 rows``, ``1 row``, ``2 rows``;
- ``plural`` is optional. Left out (or empty), the plural is the noun with an ``s``; given, it
  is used as it is, for the nouns whose plural is not just an ``s``:
  ``count(2, "entry", "entries")`` is ``"2 entries"``.

``n`` is an int ≥ 0, ``noun`` and ``plural`` are str. *Return* the text (do not print it).

The grader calls ``count(n, noun)`` and ``count(n, noun, plural)``: give ``plural`` a default
value in the ``def`` line, so that it can be left out.

Check it with ``aieng check m01.warmup-plural``; stuck? ``aieng hint m01.warmup-plural``.
"""


def count(n: int, noun: str) -> str:  # TODO: a third parameter, plural, that may be left out
    # TODO: the number with thousands separators, a space, the noun or its plural
    raise NotImplementedError("write count")
