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
int) and ``column`` the column name, sorted (by row, then column name), each cell once. Do not
modify ``frame``: build new Series (``frame[col].isna()``, ``.lt(...)``, ``.isin(...)``).

``check_table`` is written for you and is what the grader calls: it builds the DataFrame from
``columns``, calls your function, checks the pairs are sorted and name the table's cells, and
returns them as a 0/1 mask of the table's shape (1 = offending) and ``frame_unchanged`` (1 if
the frame is as it was given).

Check it with ``aieng check m06.contract-check``; stuck? ``aieng hint m06.contract-check``.
"""

from typing import Any

import numpy as np
import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    # TODO: cells = set(); for each column with a rule: missing = frame[col].isna()
    # TODO: missing cells offend unless rule.get("nullable", False)
    # TODO: present cells: below "min", above "max", not in "allowed" (when the rule has them)
    # TODO: return sorted(cells), each cell an (int row, column name) tuple
    raise NotImplementedError("write offending_cells")


def check_table(columns: dict[str, list[Any]], rules: dict[str, dict[str, Any]]) -> Any:
    """Graded (leave as is): your cells as a 0/1 mask of the table, and frame_unchanged."""
    frame = pd.DataFrame(columns)
    before = frame.copy(deep=True)
    cells = offending_cells(frame, rules)
    unchanged = int(frame.equals(before) and list(frame.columns) == list(before.columns))
    pairs = [tuple(cell) for cell in cells]
    if pairs != sorted(set(pairs), key=lambda p: (int(p[0]), str(p[1]))):
        raise ValueError(f"offending_cells must return each cell once, sorted: got {pairs!r}")
    names = list(before.columns)
    mask = np.zeros((len(before), len(names)), dtype=np.float64)
    for row, column in pairs:
        if column not in names or not 0 <= int(row) < len(before):
            raise ValueError(f"({row!r}, {column!r}) is not a cell of the table")
        mask[int(row), names.index(column)] = 1.0
    return mask, unchanged
