# mistake: "if rule.get('min'):" skips a minimum of 0, the commonest bound of all
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        s = frame[column]
        missing = s.isna()
        bad = missing & (not rule.get("nullable", False))
        if rule.get("min"):
            bad |= ~missing & (s < rule["min"])
        if rule.get("max"):
            bad |= ~missing & (s > rule["max"])
        if rule.get("allowed"):
            bad |= ~missing & ~s.isin(rule["allowed"])
        cells.update((int(row), column) for row in frame.index[bad])
    return sorted(cells)
