"""Exercise m06.contract-check — the cells of a table that break its data contract.

Before anything is trained, the pipeline checks the new data against a contract written in its
config, and stops with every offending cell listed: a model trained on a tenure of -5 months or
a contract type nobody has heard of would learn from garbage, silently.

Write ``offending_cells(frame, rules)``. ``frame`` is a pandas DataFrame (default index 0, 1,
…). ``rules`` maps some of its column names to a rule, a dict with any of these keys:

- ``"min"`` / ``"max"``: numbers, inclusive bounds (``min <= value <= max`` passes);
- ``"allowed"``: a list of the allowed texts (exact match: case matters);
- ``"nullable"``: ``True`` if a missing value (``None`` / NaN) is allowed; ``False`` when absent.

A cell offends when it is missing and its column is not nullable, or when it is present and
below ``min``, above ``max`` or not one of ``allowed``. A missing value is never also checked
against the bounds or the allowed list. Columns without a rule are never checked.

Return the offending cells as a list of ``(row, column)`` tuples, ``row`` the index label (an
int) and ``column`` the column name, sorted by row, then column name, each cell once. Do not
modify ``frame`` or ``rules``: a check only reads.

The idea: ask each column a question about all its cells at once — which are missing, which
are below the minimum — and combine the answers, rather than looping over cells.

Check it with ``aieng check m06.contract-check``; stuck? ``aieng hint m06.contract-check``.
"""

from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    # TODO: for each column with a rule: which cells are missing, and which present ones break it
    # TODO: every offending (row, column) once, sorted
    raise NotImplementedError("write offending_cells")
