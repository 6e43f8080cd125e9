"""How a table is checked against a contract's rules: two pandera passes.

Pass 1: every required column is present and each cell *parses* as its declared type. Pass 2,
on the parsed values: missing values, ranges, allowed levels. The failures come back as one row
per offending cell (see :meth:`aieng.contract.Contract.check`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from aieng.contract.rules import ColumnRule
from aieng.errors import DataError

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

FAILURE_COLUMNS = ("row", "column", "check", "value")  # one row per offending cell

_BOOL_WORDS: dict[object, bool] = {  # True == 1 == 1.0 hash alike, so 0/1 and 0.0/1.0 match too
    True: True,
    False: False,
    **{w: True for w in ("true", "True", "TRUE")},
    **{w: False for w in ("false", "False", "FALSE")},
}


def run(
    columns: Mapping[str, ColumnRule], frame: pd.DataFrame
) -> tuple[dict[str, pd.Series], pd.DataFrame]:
    """``(parsed columns, failures)`` of ``frame`` against the rules of ``columns`` (name → rule):
    pass 1 (presence, types), then pass 2 (values)."""
    import pandas as pd
    import pandera.pandas as pa

    dupes = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
    if dupes:
        raise DataError(
            f"the table has duplicate column names: {', '.join(dupes)}",
            hint="rename or drop the duplicates before checking the contract.",
        )
    work = frame.reset_index(drop=True)  # positions, so duplicate labels map back exactly
    parsed: dict[str, pd.Series] = {}
    ok: dict[str, pd.Series] = {}
    for name, rule in columns.items():
        if name in work.columns:
            parsed[name], ok[name] = _parse(work[name], rule)

    def passed(name: str) -> Any:
        return lambda s: ok[name].reindex(s.index)

    types = pa.DataFrameSchema(
        {
            name: pa.Column(
                nullable=True,
                required=rule.required,
                checks=[pa.Check(passed(name), name=f"type {rule.type}")],
            )
            for name, rule in columns.items()
        }
    )
    values = pa.DataFrameSchema(
        {
            name: pa.Column(nullable=rule.nullable, checks=_pandera_checks(pa, rule))
            for name, rule in columns.items()
            if name in parsed
        }
    )
    found = [_errors(pa, types, work), _errors(pa, values, pd.DataFrame(parsed))]
    return parsed, _failures(columns, frame, work, found)


def _parse(raw: pd.Series, rule: ColumnRule) -> tuple[pd.Series, pd.Series]:
    """``raw`` converted for the value checks (cells that do not parse become missing), and a
    mask, True where the cell parsed or was missing to start with. Category columns are
    categoricals of texts here, not yet of the allowed levels, so an unknown level reaches the
    "allowed values" check (see :func:`_final`)."""
    import numpy as np
    import pandas as pd

    missing = raw.isna()
    kind = raw.dtype
    out: pd.Series
    if rule.type in ("int", "float") and pd.api.types.is_signed_integer_dtype(kind):
        out = raw.astype(("Int64" if missing.any() else "int64") if rule.type == "int" else float)
    elif rule.type in ("int", "float"):
        plain = pd.api.types.is_numeric_dtype(kind) and not pd.api.types.is_bool_dtype(kind)
        numbers = pd.to_numeric(raw if plain else raw.astype(object), errors="coerce")
        numbers = numbers.astype("float64")
        if rule.type == "int":  # a fraction, an infinity or an overflow is not an int
            whole = np.isfinite(numbers) & (numbers % 1 == 0) & (numbers.abs() < 2.0**63)
            numbers = numbers.where(whole).astype("Int64")
        out = numbers
    elif rule.type == "bool":
        out = raw if pd.api.types.is_bool_dtype(kind) else raw.map(_BOOL_WORDS)
        out = out.astype("boolean")
    elif rule.type == "category":
        # through a categorical, so each distinct value is turned into text once, not each row
        codes = raw if isinstance(kind, pd.CategoricalDtype) else raw.astype("category")
        names = codes.cat.categories.astype(str)
        out = (
            raw.astype("str") if names.has_duplicates else codes.cat.rename_categories(list(names))
        )
    else:
        out = raw.astype("str")
    return out, missing | out.notna()


def final(values: pd.Series, rule: ColumnRule) -> pd.Series:
    """The parsed values in the declared type (only called once every check has passed)."""
    import pandas as pd

    if rule.type == "category":
        levels = rule.allowed or sorted(str(v) for v in values.dropna().unique())
        if isinstance(values.dtype, pd.CategoricalDtype):
            return values.cat.set_categories(list(levels))
        return values.astype(pd.CategoricalDtype(list(levels)))
    if rule.type in ("int", "bool") and not values.isna().any():
        return values.astype("int64" if rule.type == "int" else "bool")
    return values


def _pandera_checks(pa: Any, rule: ColumnRule) -> list[Any]:
    checks = []
    if rule.min is not None or rule.max is not None:
        low = -math.inf if rule.min is None else rule.min
        high = math.inf if rule.max is None else rule.max
        checks.append(pa.Check.in_range(low, high))
    if rule.allowed is not None:
        checks.append(pa.Check.isin(list(rule.allowed)))
    return checks


def _errors(pa: Any, schema: Any, data: pd.DataFrame) -> pd.DataFrame | None:
    try:
        schema.validate(data, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases  # type: ignore[no-any-return]
    return None


_ORDER: tuple[str | tuple[str, ...], ...] = (
    "column present",
    "type",
    "not missing",
    ("in range", "at least", "at most"),
    "allowed",
)


def _failures(
    columns: Mapping[str, ColumnRule],
    frame: pd.DataFrame,
    work: pd.DataFrame,
    found: list[pd.DataFrame | None],
) -> pd.DataFrame:
    """pandera's failure cases in plain words, one row per cell, with the values as received."""
    import numpy as np
    import pandas as pd

    parts = [cases for cases in found if cases is not None]
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in FAILURE_COLUMNS})
    cases = pd.concat(parts, ignore_index=True)
    absent = cases["check"] == "column_in_dataframe"
    column = cases["column"].where(~absent, cases["failure_case"]).astype(str)
    position = pd.to_numeric(cases["index"].where(~absent), errors="coerce").fillna(-1)
    words = [
        "column present"
        if check == "column_in_dataframe"
        else "not missing"
        if check == "not_nullable"
        else check
        if check.startswith("type ")
        else columns[col].checks()[int(number)]
        for check, col, number in zip(cases["check"], column, cases["check_number"], strict=True)
    ]
    table = pd.DataFrame({"column": column, "check": words, "position": position.astype(int)})
    # a cell that did not parse is missing in pass 2: report it once, as the type failure
    typed = table[table["check"].str.startswith("type ")].set_index(["column", "position"]).index
    again = (table["check"] == "not missing") & table.set_index(["column", "position"]).index.isin(
        typed
    )
    table = table[~again]
    names = list(columns)
    rank = [next(i for i, w in enumerate(_ORDER) if c.startswith(w)) for c in table["check"]]
    table = table.assign(order=table["column"].map(names.index), rank=rank)
    table = table.sort_values(["order", "rank", "position"], kind="stable", ignore_index=True)
    values = np.full(len(table), "", dtype=object)
    for name, group in table[table["position"] >= 0].groupby("column"):
        received = work[name].to_numpy(dtype=object)[group["position"].to_numpy()]
        values[group.index.to_numpy()] = [str(v) for v in received]
    labels = np.asarray(frame.index, dtype=object)
    rows = [None if p < 0 else labels[p] for p in table["position"]]
    return pd.DataFrame(
        {
            "row": pd.Series(rows, dtype=object),
            "column": table["column"].to_numpy(dtype=object),
            "check": table["check"].to_numpy(dtype=object),
            "value": values,
        }
    )
