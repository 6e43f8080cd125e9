# mistake: fills the missing values in place to compare them: the caller's table is changed
# fails: frame_unchanged matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        missing = frame[column].isna()
        if not rule.get("nullable", False):
            cells.update((int(row), column) for row in frame.index[missing])
        if "allowed" in rule:
            frame[column] = frame[column].fillna(rule["allowed"][0])
        elif "min" in rule:
            frame[column] = frame[column].fillna(rule["min"])
        s = frame[column]
        bad = pd.Series(False, index=frame.index)
        if "min" in rule:
            bad |= s < rule["min"]
        if "max" in rule:
            bad |= s > rule["max"]
        if "allowed" in rule:
            bad |= ~s.isin(rule["allowed"])
        cells.update((int(row), column) for row in frame.index[bad & ~missing])
    return sorted(cells)
