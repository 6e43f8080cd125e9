"""Dirty copies of clean catalog datasets, with every injected fault written down.

``corrupt("telco_churn", seed=0)`` turns the typed catalog table into the text a messy CSV export
would hold, then injects faults into about ``rate`` of the cells — chosen per column from those
that fit it — and appends exact copies of about ``duplicate_rate`` of the rows:

============== ==================================================== ====================
fault          example                                              columns
============== ==================================================== ====================
case           ``"Fiber optic"`` → ``"FIBER OPTIC"``                 categories
whitespace     ``"DSL"`` → ``" DSL  "``                              categories, text, numbers
typo           ``"Electronic check"`` → ``"Electrnoic check"``       categories
missing_token  ``"29.85"`` → ``"n/a"`` (also ``NA``, ``null``, ``-``, ``?``, ``""`` …)  all
number_format  ``"1889.5"`` → ``"1,889.5"``, ``"$29.85"``, ``"14.07%"``   numbers
bool_format    ``"True"`` → ``"yes"``, ``"Y"``, ``"1"``, ``"TRUE"``   yes/no flags
date_format    ``"2020-12-31"`` → ``"Dec 31, 2020"``, ``"12/31/2020"``    ISO date text
outlier        ``"29.85"`` → ``"2093"`` (median + 20–60 robust SDs)   numbers, ≥ 10 values
duplicate      a whole row copied a few rows further down           rows
============== ==================================================== ====================

Some column names are mangled too (``monthly_charges`` → ``"Monthly Charges"``). The truth is the
catalog table itself; :func:`aieng.clean.score.score` compares a cleaning result with it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aieng.clean.config import DEFAULT_MISSING_TOKENS
from aieng.clean.outliers import mad_scale
from aieng.datasets import load

MISSING_TOKENS = ("NA", "n/a", "N/A", "null", "-", "?", "", "None", "NaN", "missing")
BOOL_SPELLINGS = (("yes", "no"), ("Y", "N"), ("1", "0"), ("TRUE", "FALSE"), ("true", "false"))
DATE_FORMATS = ("%b %d, %Y", "%d %b %Y", "%Y/%m/%d", "%m/%d/%Y")
MAX_LEVELS = 100  # a text column with more distinct values is free text: no case or typo faults


@dataclass(frozen=True)
class Corrupted:
    """A dirty table, the clean truth, and where each dirty row and fault came from."""

    name: str
    dirty: pd.DataFrame  # every cell is text (str), as a raw CSV read gives it
    truth: pd.DataFrame  # the clean typed table, rows 0..n-1
    source_row: np.ndarray  # (n_dirty,): the truth row each dirty row comes from
    duplicate: np.ndarray  # (n_dirty,): True for an injected copy
    faults: pd.DataFrame  # one row per corrupted cell: row (truth row), column, kind, dirty


def corrupt(
    name: str, *, seed: int = 0, rate: float = 0.05, duplicate_rate: float = 0.01
) -> Corrupted:
    """Corrupt catalog dataset ``name`` (see the module docstring for the faults)."""
    return corrupt_frame(load(name), seed=seed, rate=rate, duplicate_rate=duplicate_rate, name=name)


def corrupt_frame(
    truth: pd.DataFrame,
    *,
    seed: int = 0,
    rate: float = 0.05,
    duplicate_rate: float = 0.01,
    name: str = "table",
) -> Corrupted:
    """Corrupt any typed table; ``truth`` is not modified."""
    rng = np.random.default_rng(seed)
    truth = truth.reset_index(drop=True)
    dirty: dict[str, pd.Series] = {}
    faults: list[pd.DataFrame] = []
    for col in truth.columns:
        column = truth[col]
        cells = to_text(column).to_numpy(dtype=object)  # (n_rows,)
        kinds = _fault_kinds(column)
        chosen = np.flatnonzero((rng.random(len(cells)) < rate) & column.notna().to_numpy())
        picks = rng.integers(0, len(kinds), len(chosen))
        rows, labels, values = [], [], []
        for i, k in zip(chosen, picks, strict=True):
            new = _inject(kinds[k], cells[i], column, rng)
            if new is not None and new != cells[i]:
                cells[i] = new
                rows.append(int(i))
                labels.append(kinds[k])
                values.append(new)
        faults.append(pd.DataFrame({"row": rows, "column": col, "kind": labels, "dirty": values}))
        dirty[_mangle(str(col), rng)] = pd.Series(cells, dtype="str")
    frame = pd.DataFrame(dirty)
    n = len(frame)
    copies = rng.choice(n, size=round(duplicate_rate * n), replace=False)
    # A copy lands 1–30 rows after its original, as a double-submitted record would.
    position = np.concatenate([np.arange(n), copies + rng.uniform(0.5, 30.5, len(copies))])
    order = np.argsort(position, kind="stable")
    source = np.concatenate([np.arange(n), copies])[order]
    duplicate = np.concatenate([np.zeros(n, bool), np.ones(len(copies), bool)])[order]
    out = frame.iloc[source].reset_index(drop=True)
    table = pd.concat(faults, ignore_index=True)
    return Corrupted(name, out, truth, source, duplicate, table)


def to_text(series: pd.Series) -> pd.Series:
    """A typed column as a CSV export writes it: ``"29.85"``, ``"True"``, ``""`` for missing."""
    values = series.astype(object).to_numpy()
    texts = ["" if _missing(v) else _format(v) for v in values]
    return pd.Series(texts, index=series.index, dtype="str")


def _format(value: object) -> str:
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _fault_kinds(column: pd.Series) -> tuple[str, ...]:
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return ("bool_format", "missing_token")
    if pd.api.types.is_numeric_dtype(dtype):
        many = column.nunique() >= 10
        return ("number_format", "whitespace", "missing_token") + (("outlier",) if many else ())
    text = column.dropna().astype(str)
    if len(text) and pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").notna().all():
        return ("date_format", "missing_token")
    if column.nunique() <= MAX_LEVELS:
        return ("case", "whitespace", "typo", "missing_token")
    return ("whitespace", "missing_token")


def _inject(kind: str, cell: str, column: pd.Series, rng: np.random.Generator) -> str | None:
    if kind == "missing_token":
        return str(rng.choice(MISSING_TOKENS))
    if kind == "whitespace":
        if " " in cell and rng.random() < 0.5:
            return cell.replace(" ", "  ", 1)
        return [f" {cell}", f"{cell} ", f"  {cell}  "][rng.integers(3)]
    if kind == "case":
        options = [v for v in (cell.lower(), cell.upper(), cell.swapcase()) if v != cell]
        return options[rng.integers(len(options))] if options else None
    if kind == "typo":
        levels = {str(v).casefold() for v in column.dropna().unique()}
        for _ in range(5):
            new = _typo(cell, rng)
            taken = levels | set(DEFAULT_MISSING_TOKENS)  # a typo must not spell "NA"
            if new and new.strip() and new.casefold() not in taken:
                return new
        return None
    if kind == "bool_format":
        spelling = BOOL_SPELLINGS[rng.integers(len(BOOL_SPELLINGS))]
        return spelling[0] if cell == "True" else spelling[1]
    if kind == "number_format":
        return _number_format(cell, column, rng)
    if kind == "date_format":
        when = pd.Timestamp(cell)
        return when.strftime(str(rng.choice(DATE_FORMATS)))
    return _outlier(column, rng)


def _typo(cell: str, rng: np.random.Generator) -> str:
    letters = [i for i, ch in enumerate(cell) if ch.isalpha()]
    if not letters:
        return ""
    i = int(rng.choice(letters))
    edit = rng.integers(4)
    if edit == 0 and i + 1 < len(cell):  # swap with the next character
        return cell[:i] + cell[i + 1] + cell[i] + cell[i + 2 :]
    if edit == 1 and len(cell) > 2:  # drop a letter
        return cell[:i] + cell[i + 1 :]
    if edit == 2:  # double a letter
        return cell[:i] + cell[i] + cell[i:]
    pool = string.ascii_lowercase if cell[i].islower() else string.ascii_uppercase
    return cell[:i] + str(rng.choice(list(pool.replace(cell[i], "")))) + cell[i + 1 :]


def _number_format(cell: str, column: pd.Series, rng: np.random.Generator) -> str:
    whole, dot, frac = cell.lstrip("-").partition(".")
    sign = "-" if cell.startswith("-") else ""
    options = [f"${cell}" if not sign else f"-${cell[1:]}"]
    if len(whole) > 3:
        options.append(f"{sign}{int(whole):,}{dot}{frac}")
    if pd.api.types.is_float_dtype(column.dtype):
        options.append(f"{cell}%")
    return options[rng.integers(len(options))]


def _outlier(column: pd.Series, rng: np.random.Generator) -> str:
    x = column.dropna().astype("float64").to_numpy()
    median = float(np.median(x))
    q1, q3 = np.percentile(x, [25, 75])
    scale = mad_scale(x) or (q3 - q1) / 1.349
    scale = scale or 1.2533 * float(np.mean(np.abs(x - median))) or float(np.std(x)) or 1.0
    value = median + rng.uniform(20, 60) * scale
    if pd.api.types.is_integer_dtype(column.dtype):
        return str(round(value))
    return repr(round(value, 2))


def _mangle(name: str, rng: np.random.Generator) -> str:
    roll = rng.random()
    if roll < 0.15:
        return name.replace("_", " ").title()
    if roll < 0.25:
        return name.upper()
    if roll < 0.3:
        return f" {name} "
    return name
