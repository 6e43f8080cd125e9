# right: a plain loop over the cells, one question at a time, in the order the docstring asks them
import math
from typing import Any

import pandas as pd


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _offends(value: Any, rule: dict[str, Any]) -> bool:
    if _missing(value):
        return not rule.get("nullable", False)
    if "min" in rule and value < rule["min"]:
        return True
    if "max" in rule and value > rule["max"]:
        return True
    return "allowed" in rule and value not in rule["allowed"]


def offending_cells(frame: pd.DataFrame, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    found = []
    for row in frame.index:
        for column in sorted(rules):
            if _offends(frame.at[row, column], rules[column]):
                found.append((int(row), column))
    return found
