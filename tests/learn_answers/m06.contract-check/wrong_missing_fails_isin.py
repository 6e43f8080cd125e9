# mistake: isin sees a missing value as "not allowed", even in a nullable column
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        s = frame[column]
        bad = s.isna() & (not rule.get("nullable", False))
        if "min" in rule:
            bad |= s < rule["min"]
        if "max" in rule:
            bad |= s > rule["max"]
        if "allowed" in rule:
            bad |= ~s.isin(rule["allowed"])
        cells.update((int(row), column) for row in frame.index[bad])
    return sorted(cells)
