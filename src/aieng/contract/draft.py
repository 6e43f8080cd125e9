"""A first contract drafted from a table you trust (``aieng pipeline contract FILE``).

Drafting is a starting point, not a verdict: the ranges are the ones observed, with no margin, and
a text column with few distinct values is guessed to be a category. Review it before relying on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aieng.contract.model import Contract
from aieng.contract.rules import ColumnRule
from aieng.errors import DataError, unknown_value

if TYPE_CHECKING:
    import pandas as pd

CATEGORY_MAX_LEVELS = 50  # more distinct texts than this is free text
CATEGORY_MAX_SHARE = 0.5  # ... and so is a column whose values are mostly distinct


def draft_contract(frame: pd.DataFrame, *, exclude: Sequence[str] = ()) -> Contract:
    """A starting contract inferred from a table you trust; review it before relying on it.

    Types come from the dtypes (and from the values of object columns): bool → bool, integers →
    int, floats → float, text with few distinct values (at most ``CATEGORY_MAX_LEVELS``, and at most
    half the rows) or a category dtype → category with the observed levels sorted, anything else
    → text. A column with missing values is nullable. Numeric ``min``/``max`` are the observed
    range *with no margin*: widen them to what the data may legitimately hold, or new data
    slightly outside today's range will be refused.
    """
    import pandas as pd

    for name in exclude:
        if name not in frame.columns:
            err = unknown_value("column to exclude", str(name), frame.columns)
            raise DataError(err.message, hint=err.hint)
    rules = {
        str(name): _draft_rule(frame[name], pd)
        for name in frame.columns
        if name not in set(exclude)
    }
    if not rules:
        raise DataError(
            f"nothing to draft a contract from: the table has {frame.shape[1]} columns and "
            f"{len(exclude)} are excluded",
            hint="pass a table with at least one column that is not excluded.",
        )
    return Contract(rules)


def _draft_rule(series: pd.Series, pd: Any) -> ColumnRule:
    import numpy as np

    values = series.dropna()
    nullable = bool(len(values) < len(series))
    dtype = series.dtype
    inferred = pd.api.types.infer_dtype(values, skipna=True) if dtype == "object" else ""
    if pd.api.types.is_bool_dtype(dtype) or inferred == "boolean":
        return ColumnRule(type="bool", nullable=nullable)
    if isinstance(dtype, pd.CategoricalDtype):
        levels = tuple(sorted(str(v) for v in values.unique()))
        return ColumnRule(type="category", nullable=nullable, allowed=levels or None)
    numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype)
    if numeric or inferred in ("integer", "floating", "mixed-integer-float"):
        whole = pd.api.types.is_integer_dtype(dtype) or inferred == "integer"
        cast = int if whole else float
        bounds = (values.min(), values.max()) if len(values) else (None, None)
        # an infinity observed leaves that side open: ±inf is no bound one can write in TOML
        low, high = (None if v is None or not np.isfinite(v) else cast(v) for v in bounds)
        return ColumnRule(type="int" if whole else "float", nullable=nullable, min=low, max=high)
    texts = values.astype("str")
    seen = sorted(str(v) for v in texts.unique())
    if 0 < len(seen) <= min(CATEGORY_MAX_LEVELS, CATEGORY_MAX_SHARE * len(texts)):
        return ColumnRule(type="category", nullable=nullable, allowed=tuple(seen))
    return ColumnRule(type="text", nullable=nullable)
