# mistake: cells listed column by column, in the frame's order, never sorted by row
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = []
    for column in frame.columns:
        if column not in rules:
            continue
        rule, s = rules[column], frame[column]
        missing = s.isna()
        bad = missing & (not rule.get("nullable", False))
        if "min" in rule:
            bad |= ~missing & (s < rule["min"])
        if "max" in rule:
            bad |= ~missing & (s > rule["max"])
        if "allowed" in rule:
            bad |= ~missing & ~s.isin(rule["allowed"])
        cells += [(int(row), column) for row in frame.index[bad]]
    return cells
