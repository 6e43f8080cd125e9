# mistake: compares the allowed texts in lower case: "one year" passes, which the model never saw
# fails: cells matches the reference
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        s = frame[column]
        missing = s.isna()
        bad = missing & (not rule.get("nullable", False))
        if "min" in rule:
            bad |= ~missing & (s < rule["min"])
        if "max" in rule:
            bad |= ~missing & (s > rule["max"])
        if "allowed" in rule:
            allowed = [a.lower() for a in rule["allowed"]]
            bad |= ~missing & ~s.str.lower().isin(allowed)
        cells.update((int(row), column) for row in frame.index[bad])
    return sorted(cells)
