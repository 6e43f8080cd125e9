# mistake: a list, not a set: a missing cell that also fails "allowed" is listed twice
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = []
    for column, rule in rules.items():
        s = frame[column]
        missing = s.isna()
        if not rule.get("nullable", False):
            cells += [(int(row), column) for row in frame.index[missing]]
        if "min" in rule:
            cells += [(int(row), column) for row in frame.index[s < rule["min"]]]
        if "max" in rule:
            cells += [(int(row), column) for row in frame.index[s > rule["max"]]]
        if "allowed" in rule:
            cells += [(int(row), column) for row in frame.index[~s.isin(rule["allowed"])]]
    return sorted(cells)
