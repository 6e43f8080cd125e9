"""Exercise m01.warmup-comprehensions — comprehensions: a column's present values.

Records from an API arrive as a list of dicts, one per row, and not every row has every field.
Write ``present_values(rows, names)`` returning, for each name in ``names``, the values of that
column over the rows, leaving out the missing ones:

- a dict with one entry per name in ``names`` (a name no row has maps to an empty list);
- each list holds that column's values in row order, duplicates kept;
- a value is missing when the row has no such key, or holds ``None``. ``0``, ``False``, ``""``,
  ``[]`` and the text ``"None"`` are values.

``rows`` is a list of dicts (str keys), ``names`` a list of str. Leave both as they are.
Return a dict of lists.

The idea: a comprehension builds a list or a dict from another collection in one expression,
with an optional ``if`` that filters: a dict comprehension over the names whose value is a list
comprehension over the rows. The filter is where the care goes.

Check it with ``aieng check m01.warmup-comprehensions``; stuck?
``aieng hint m01.warmup-comprehensions``.
"""


def present_values(rows: list[dict[str, object]], names: list[str]) -> dict[str, list[object]]:
    # TODO: {name: [the values of that column, missing ones left out] for each name}
    raise NotImplementedError("write present_values")
