"""Text-level steps: column names, whitespace, and the many spellings of "no value".

All three work on the *distinct* values of a column (:class:`Distinct`), not on every cell:
a million-row column usually holds a few thousand distinct strings, so the Python-level work is
done a few thousand times and NumPy spreads the answers back over the rows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from aieng.clean.changelog import MAX_EXAMPLES, Change, count, show

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")
_SPACES = re.compile(r"\s+")


def is_text(series: pd.Series) -> bool:
    """True for columns holding text: ``str``/``object`` strings and categories of strings."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return True
    return bool(pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype))


def as_text(series: pd.Series) -> pd.Series:
    """A text column as pandas ``str`` (categories become their labels; NaN stays missing)."""
    if isinstance(series.dtype, pd.CategoricalDtype) or pd.api.types.is_object_dtype(series.dtype):
        return series.astype("str").where(series.notna())
    return series


@dataclass(frozen=True)
class Distinct:
    """A text column as its distinct values plus one code per row (``pd.factorize``).

    Steps that look at text work on ``values`` — a million-row column usually holds a few
    thousand distinct strings — and :meth:`series` spreads the result back over the rows with one
    vectorized gather. ``values`` may repeat after a step (``" a"`` and ``"a"`` both become
    ``"a"``) and may hold missing values; the codes stay valid either way.
    """

    codes: np.ndarray  # (n_rows,): index into ``values``, -1 where the cell is missing
    values: pd.Series  # (n_distinct,) str
    rows: np.ndarray  # (n_distinct,): how many rows hold each value

    @classmethod
    def of(cls, series: pd.Series) -> Distinct:
        """Factorize ``series`` (one hashing pass over the rows)."""
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        rows = np.bincount(codes[codes >= 0], minlength=len(uniques))
        return cls(codes, pd.Series(uniques, dtype="str"), rows)

    def replace(self, values: pd.Series) -> Distinct:
        """The same rows with new distinct values (same length, same order)."""
        return Distinct(self.codes, values.reset_index(drop=True), self.rows)

    def series(self, index: pd.Index, name: object) -> pd.Series:
        """The column as rows again."""
        # take() with allow_fill turns the -1 codes into missing values.
        values: Any = self.values.to_numpy(dtype=object)
        gathered = pd.array(values, dtype="str").take(self.codes, allow_fill=True)
        return pd.Series(gathered, index=index, name=name)

    def change(
        self, step: str, column: str, after: pd.Series, changed: np.ndarray, note: str
    ) -> Change:
        """A change-log entry for the distinct values ``changed``; the most common come first."""
        where = np.flatnonzero(changed)
        order = where[np.argsort(-self.rows[where], kind="stable")][:MAX_EXAMPLES]
        pairs = tuple((show(self.values.iloc[i]), show(after.iloc[i])) for i in order)
        return Change(step, column, int(self.rows[where].sum()), note, pairs)


def normalize_name(name: object, position: int = 0) -> str:
    """``"Monthly Charges "`` → ``monthly_charges``; ``"customerID"`` → ``customer_id``."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = _CAMEL.sub("_", text.strip())
    text = _NOT_WORD.sub("_", text).strip("_").lower()
    return text or f"column_{position + 1}"


def normalize_names(columns: list[object]) -> tuple[dict[object, str], list[Change]]:
    """A mapping old → new name (unique: a clash gets ``_2``, ``_3``…) and its change log."""
    mapping: dict[object, str] = {}
    taken: set[str] = set()
    changes = []
    for i, old in enumerate(columns):
        base = new = normalize_name(old, i)
        n = 2
        while new in taken:
            new, n = f"{base}_{n}", n + 1
        taken.add(new)
        mapping[old] = new
        if new != old:
            changes.append(
                Change(
                    "names",
                    new,
                    0,
                    f"column {str(old)!r} renamed to {new!r} (snake_case ASCII)",
                    ((str(old), new),),
                )
            )
    return mapping, changes


def trim(column: Distinct, name: str, *, collapse_inner: bool) -> tuple[Distinct, Change | None]:
    """Strip outer whitespace (and collapse inner runs of spaces) in a text column."""
    stripped = column.values.str.strip()
    if collapse_inner:
        # The regex runs only where it can change something: most values have no inner runs.
        runs = stripped.str.contains("  ", regex=False) | stripped.str.contains("\t", regex=False)
        if runs.any():
            stripped[runs] = stripped[runs].str.replace(_SPACES.pattern, " ", regex=True)
    changed = (stripped != column.values).fillna(False).to_numpy(dtype=bool)
    if not changed.any():
        return column, None
    n = int(column.rows[changed].sum())
    what = "outer and repeated inner whitespace" if collapse_inner else "outer whitespace"
    note = f"removed {what} from {count(n, 'cell')}"
    return column.replace(stripped), column.change("trim", name, stripped, changed, note)


def missing_tokens(
    column: Distinct, name: str, tokens: tuple[str, ...]
) -> tuple[Distinct, Change | None]:
    """Cells equal (ignoring case and outer spaces) to a missing token become missing.

    Empty cells become missing too, silently: that is what an empty CSV cell already means.
    """
    wanted = {t.strip().lower() for t in tokens}
    keys = column.values.str.strip().str.lower()  # lower(): vectorized in Arrow, casefold() is not
    hit = keys.isin(wanted).to_numpy(dtype=bool) & column.values.notna().to_numpy(dtype=bool)
    if not hit.any():
        return column, None
    after = column.values.where(~hit)
    # An empty cell is how CSV writes "missing": reading it as missing is no change to log.
    token = hit & (keys != "").to_numpy(dtype=bool)
    if not token.any():
        return column.replace(after), None
    n = int(column.rows[token].sum())
    found = sorted({repr(str(v)) for v in column.values[token].iloc[:8]})
    note = f"{count(n, 'cell')} held a missing-value token ({', '.join(found)}): now missing"
    return column.replace(after), column.change("missing_tokens", name, after, token, note)
