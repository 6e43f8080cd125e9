"""Exercise m01.warmup-values — values and types: how a report shows a cell.

A cleaning report lists the cells it changed, and its reader must see exactly what was there.
Some values look alike on screen and are not the same thing. Write ``show(value)`` returning the
text a report prints for one cell:

- ``None`` means "no value", and so does NaN (``float("nan")``), the float pandas and NumPy use
  for a missing number: both are shown as ``<missing>``. Nothing else is missing: ``0``,
  ``0.0``, ``False`` and ``""`` are values (a zero, a no, an empty text), and so is the *text*
  ``"nan"``;
- text that is empty, or has whitespace at either end (a space, a tab, a newline, a
  non-breaking space: whatever ``str.strip()`` removes), is shown as ``repr()`` writes it,
  quotes included — ``' DSL'``, ``''`` — so the reader sees the spaces; other text as it is;
- any other value as ``str()`` writes it: ``42``, ``2.5``, ``True``, ``inf``.

``value`` is None, a bool, an int, a float or a str. Return a str.

The idea: ask what *type* a value is before asking anything else of it
(``isinstance(value, float)``): some questions only make sense for one type, and a truth test
(``if value:``) lumps together values this report must keep apart.

Check it with ``aieng check m01.warmup-values``; stuck? ``aieng hint m01.warmup-values``.
"""


def show(value: object) -> str:
    # TODO: None and NaN are missing
    # TODO: text that is empty or padded is shown quoted; other text as it is
    # TODO: every other value as str() writes it
    raise NotImplementedError("write show")
