"""Repair types: text columns that are really numbers, yes/no flags or dates get that type.

A column is converted only when most of its values (``min_share``, 95 % by default, counted over
rows) parse; the few that do not become missing and are flagged, never guessed. Parsing works on
the distinct values, so a million rows cost what their few thousand distinct strings cost.

* numbers: ``"1,889.50"``, ``"$29.85"``, ``"€ 12"``, ``"14.07%"`` (the sign is dropped, the number
  kept as written: ``14.07``), ``"(12.5)"`` (accounting negative) → float, or nullable ``Int64``
  when every value is whole. A value with a leading zero (``"00501"``) marks a code: the column
  stays text. So do digit strings of 16+ digits (card or account numbers lose digits as floats).
* booleans: ``yes/no``, ``y/n``, ``true/false``, ``t/f``, ``1/0`` in any case → ``boolean``; a
  column of only ``0``/``1`` stays numeric (a count or a code is as likely as a flag).
* dates: ISO, ``31/12/2020`` or ``12/31/2020`` (the column decides day-first when any first part
  exceeds 12), ``31.12.2020``, ``2020/12/31``, ``Dec 31, 2020``, ``31 Dec 2020`` → ISO 8601 text
  (``2020-12-31``, with ``T13:45:00`` when a time is present).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from aieng.clean.changelog import Change, count, examples, flag_frame
from aieng.clean.config import TypesStep

TRUE_TOKENS = frozenset({"yes", "y", "true", "t", "1", "1.0"})
FALSE_TOKENS = frozenset({"no", "n", "false", "f", "0", "0.0"})
# A sign before the currency ("-$12") is captured and put back: only the symbol goes.
_CURRENCY = re.compile(r"^\(?\s*([-+]?)\s*(?:[$€£¥₹]|usd|eur|gbp)\s*|\s*(?:[$€£¥₹]|usd|eur|gbp)$")
_US_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_EU_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d*,\d+$")
_LEADING_ZERO = re.compile(r"^[-+]?0\d")
_LONG_DIGITS = re.compile(r"^\d{16,}$")
_DATE_SHAPE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9} \d{4}"
)
# Tried in order on the values still unparsed; "{DM}" is replaced by the column's day/month order.
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d",
    "{DM}/%Y", "{DM}/%Y %H:%M", "{DM}/%Y %H:%M:%S", "{DM}-%Y", "%d.%m.%Y",
    "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d %b %Y", "%d %B %Y", "%b. %d, %Y",
)  # fmt: skip


@dataclass(frozen=True)
class Repaired:
    """A converted column, the kind it became, what changed, and cells that failed to parse."""

    series: pd.Series
    kind: str  # "integer", "number", "boolean", "date" or "text" (unchanged)
    change: Change | None
    flags: pd.DataFrame | None


def repair(series: pd.Series, step: TypesStep) -> Repaired:
    """Convert a text column to the type most of its values have (or leave it as text)."""
    positions, uniques = pd.factorize(series, use_na_sentinel=True)  # one hashing pass
    if len(uniques) == 0:
        return Repaired(series, "text", None, None)
    weights = np.bincount(positions[positions >= 0], minlength=len(uniques))  # rows per value
    values = pd.Series(uniques, dtype="str").str.strip()
    keys = values.str.lower()
    total = weights.sum()

    is_bool = keys.isin(TRUE_TOKENS | FALSE_TOKENS).to_numpy()
    has_word = bool((is_bool & ~keys.isin({"1", "0", "1.0", "0.0"}).to_numpy()).any())
    if has_word and weights[is_bool].sum() >= step.min_share * total:
        truth = keys.map(
            lambda k: True if k in TRUE_TOKENS else False if k in FALSE_TOKENS else None
        )
        return _apply(series, positions, truth, "boolean", step, "yes/no spellings unified")

    is_code = values.str.match(_LEADING_ZERO.pattern) | values.str.match(_LONG_DIGITS.pattern)
    if not (step.keep_leading_zeros and bool(is_code.any())):
        numbers, cleaned = parse_numbers(values, decimal=step.decimal)
        ok = numbers.notna().to_numpy()
        if weights[ok].sum() >= step.min_share * total:
            whole = numbers.dropna()
            kind = "integer" if bool((whole == np.round(whole)).all()) else "number"
            what = "thousands separators, currency and percent signs removed"
            return _apply(series, positions, numbers, kind, step, what, reformatted=cleaned)

    shaped = values.str.contains(_DATE_SHAPE.pattern).to_numpy()
    if weights[shaped].sum() >= step.date_min_share * total:
        dates = parse_dates(values)
        ok = dates.notna().to_numpy()
        if weights[ok].sum() >= step.date_min_share * total:
            return _apply(
                series, positions, dates, "date", step, "mixed formats written as ISO 8601"
            )
    return Repaired(series, "text", None, None)


def parse_numbers(values: pd.Series, *, decimal: str = ".") -> tuple[pd.Series, pd.Series]:
    """Numbers from text (NaN where none), and whether each needed more than a plain parse."""
    numbers = pd.Series(np.nan, index=values.index, dtype="float64")
    reformatted = pd.Series(False, index=values.index)
    # Fast path: most cells are plain numbers; the slow clean-up runs only on the rest.
    plain = values if decimal == "." else values.where(~values.str.contains(",", regex=False))
    numbers[:] = pd.to_numeric(plain, errors="coerce").astype("float64")
    todo = numbers.isna() & values.notna()
    if todo.any():
        numbers[todo], reformatted[todo] = _parse_messy(values[todo], decimal=decimal)
    return numbers, reformatted


def _parse_messy(values: pd.Series, *, decimal: str) -> tuple[pd.Series, pd.Series]:
    text = values.str.strip().str.replace(r"\s+", "", regex=True).str.lower()
    negative = text.str.startswith("(") & text.str.endswith(")")
    text = text.str.strip("()")
    text = text.str.replace(_CURRENCY.pattern, r"\1", regex=True).str.removesuffix("%")
    # "1.234,5" is European whatever the setting; "1.234" and "3,5" only when decimal=",".
    eu_shape = text.str.match(_EU_THOUSANDS.pattern)
    eu = (eu_shape & text.str.contains(",", regex=False)) | (
        (eu_shape | text.str.match(_DECIMAL_COMMA.pattern)) & (decimal == ",")
    )
    us = text.str.match(_US_THOUSANDS.pattern) & ~eu
    text = text.where(~us, text.str.replace(",", "", regex=False))
    text = text.where(
        ~eu, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    numbers = pd.to_numeric(text, errors="coerce").astype("float64")
    numbers = numbers.where(~negative, -numbers)
    return numbers, numbers.notna()


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO 8601 text for each value that parses with one of the known formats (else NaN)."""
    text = values.str.strip()
    runs = text.str.contains("  ", regex=False) | text.str.contains("\t", regex=False)
    if runs.any():
        text[runs] = text[runs].str.replace(r"\s+", " ", regex=True)
    firsts = pd.to_numeric(text.str.extract(r"^(\d{1,2})[/-]\d{1,2}[/-]\d{4}", expand=False))
    day_first = bool((firsts > 12).any())
    order = "%d/%m" if day_first else "%m/%d"
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    for fmt in _DATE_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        fmt = fmt.replace("{DM}", order if "/" in fmt else order.replace("/", "-"))
        attempt = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        parsed[todo] = attempt.astype("datetime64[s]")
    timed = parsed.notna() & (parsed != parsed.dt.normalize())
    spec = "%Y-%m-%dT%H:%M:%S" if bool(timed.any()) else "%Y-%m-%d"
    iso: pd.Series = parsed.dt.strftime(spec).astype("str").where(parsed.notna())
    return iso


def _apply(
    series: pd.Series,
    codes: np.ndarray,
    converted: pd.Series,
    kind: str,
    step: TypesStep,
    what: str,
    *,
    reformatted: pd.Series | None = None,
) -> Repaired:
    # codes: (n_rows,) position of each row's value in ``converted``, -1 where missing.
    if kind in {"integer", "number"}:
        floats = np.append(converted.to_numpy(dtype="float64"), np.nan)[codes]  # -1 -> NaN
        new = pd.Series(floats, index=series.index, name=series.name)
        if kind == "integer":
            new = new.round().astype("Int64")
    else:
        dtype = "boolean" if kind == "boolean" else "str"
        values: Any = converted.to_numpy(dtype=object)
        gathered: Any = pd.array(values, dtype=dtype).take(codes, allow_fill=True)
        new = pd.Series(gathered, index=series.index, name=series.name)
    failed = (new.isna() & series.notna()).to_numpy()
    if reformatted is not None:
        touched = np.append(reformatted.to_numpy(dtype=bool), False)[codes] | failed
    else:  # booleans and dates: every cell whose text differs from the result's text
        touched = series.notna().to_numpy() & (series.astype("str") != new.astype("str")).to_numpy()
    col = str(series.name)
    note = f"text converted to {kind}" + (
        f" ({what})" if touched.any() else " (every value parsed as written)"
    )
    flags = None
    if failed.any():
        bad = sorted({str(v) for v in series[failed].unique()[:5]})
        note += (
            f"; {count(int(failed.sum()), 'cell')} did not parse ({', '.join(map(repr, bad))}): "
            "now missing, flagged"
        )
        label = "a date" if kind == "date" else "yes/no" if kind == "boolean" else "a number"
        reason = [f"not {label}: {v!r}" for v in series[failed]]
        flags = flag_frame(series.index[failed], col, "types", reason)
    change = Change("types", col, int(touched.sum()), note, examples(series, new, touched))
    return Repaired(new, kind, change, flags)
