# right: one True/False mask per column, built from the rule, then the labels of the True rows
from typing import Any

import pandas as pd


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    cells = set()
    for column, rule in rules.items():
        values = frame[column]
        missing = values.isna()
        bad = missing & (not rule.get("nullable", False))
        present = values[~missing]
        wrong = pd.Series(False, index=present.index)
        if "min" in rule:
            wrong |= present < rule["min"]
        if "max" in rule:
            wrong |= present > rule["max"]
        if "allowed" in rule:
            wrong |= ~present.isin(rule["allowed"])
        bad = bad | wrong.reindex(frame.index, fill_value=False)
        cells.update((int(row), column) for row in frame.index[bad])
    return sorted(cells)
