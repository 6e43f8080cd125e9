# mistake: nullable unless the rule says otherwise: a missing value in a required column passes
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        s = frame[column]
        missing = s.isna()
        bad = missing & (not rule.get("nullable", True))
        if "min" in rule:
            bad |= ~missing & (s < rule["min"])
        if "max" in rule:
            bad |= ~missing & (s > rule["max"])
        if "allowed" in rule:
            bad |= ~missing & ~s.isin(rule["allowed"])
        cells.update((int(row), column) for row in frame.index[bad])
    return sorted(cells)
