"""What ``aieng clean`` does, as a typed config: one section per step, each with ``enabled``.

The defaults are what "default settings" means everywhere (the CLI without ``--config``, the
measured restore bar in the tests and in ``aieng run m01``). A TOML file overrides any of them::

    [categories]
    similarity = 90          # merge spellings at least this similar (0–100)

    [duplicates]
    keys = ["customer_id"]   # key-based: rows with the same key are one record
    keep = "last"

    [outliers]
    action = "clip"

Unknown sections or keys and values of the wrong type are refused with a message naming the key
(pydantic, ``extra="forbid"``), so a typo never silently falls back to a default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aieng import tomlfile

# Compared case-insensitively after trimming; "" is an empty cell.
DEFAULT_MISSING_TOKENS = (
    "", "na", "n/a", "n.a.", "nan", "null", "none", "nil", "-", "--", "?", "#n/a", "missing",
)  # fmt: skip


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NamesStep(_Section):
    """Column names to ``snake_case`` ASCII (``"Monthly Charges "`` → ``monthly_charges``)."""

    enabled: bool = True


class TrimStep(_Section):
    """Strip leading/trailing whitespace and collapse runs of inner spaces in text cells."""

    enabled: bool = True
    collapse_inner: bool = True  # "Fiber  optic" → "Fiber optic"


class MissingTokensStep(_Section):
    """Cells that mean "no value" (``NA``, ``n/a``, ``null``, ``-``, ``?``, …) become missing."""

    enabled: bool = True
    tokens: tuple[str, ...] = DEFAULT_MISSING_TOKENS  # matched case-insensitively


class TypesStep(_Section):
    """Text columns that are really numbers, booleans or dates get that type."""

    enabled: bool = True
    min_share: float = Field(0.95, gt=0.5, le=1.0)  # share of values that must parse to convert
    date_min_share: float = Field(0.9, gt=0.5, le=1.0)  # same, for dates (formats vary more)
    keep_leading_zeros: bool = True  # "00501" stays text: a code, not the number 501
    decimal: Literal[".", ","] = "."  # decimal mark when a value has both "," and "."


class CategoriesStep(_Section):
    """Spellings of one category are merged into its most frequent spelling; each merge logged."""

    enabled: bool = True
    max_levels: int = Field(100, ge=2)  # text columns with more distinct values are free text
    similarity: float = Field(85.0, ge=50.0, le=100.0)  # rapidfuzz ratio (0–100) to merge
    min_length: int = Field(4, ge=1)  # shorter values (codes like "NY", "WY") are never merged
    min_frequency_ratio: float = Field(10.0, ge=1.0)  # the kept spelling is ≥ this × as common
    flag_suspects: bool = True  # flag rare values one edit away from a common one (not merged)


class DuplicatesStep(_Section):
    """Drop exact duplicate rows, or rows sharing the ``keys`` columns."""

    enabled: bool = True
    keys: tuple[str, ...] = ()  # empty: rows equal in every column are duplicates
    keep: Literal["first", "last"] = "first"  # which row of a duplicate group survives


NumberRule = Literal["median", "mean", "mode", "constant", "drop", "none"]
OtherRule = Literal["mode", "constant", "drop", "none"]  # a median of words does not exist


class MissingValuesStep(_Section):
    """Fill (or drop) missing values per column type; optionally add a was-missing indicator."""

    enabled: bool = True
    numeric: NumberRule = "median"  # robust to outliers, unlike the mean
    category: OtherRule = "mode"
    boolean: OtherRule = "mode"
    text: OtherRule = "none"  # free text (names, titles): inventing a value helps nobody
    date: OtherRule = "none"
    constant: str = "missing"  # what the "constant" rule writes in text columns
    constant_number: float = 0.0  # what the "constant" rule writes in numeric columns
    indicator: bool = True  # add <column>__was_missing (True where a value was filled)
    max_share: float = Field(0.5, ge=0.0, le=1.0)  # more missing than this: left alone, logged


class OutliersStep(_Section):
    """Find numeric outliers by IQR fences or robust z-score (MAD); flag, clip or drop them."""

    enabled: bool = True
    method: Literal["mad", "iqr"] = "mad"
    threshold: float = Field(3.5, gt=0.0)  # robust |z| above this (Iglewicz & Hoaglin's 3.5)
    iqr_k: float = Field(1.5, gt=0.0)  # IQR fences: Q1 − k·IQR, Q3 + k·IQR (Tukey's 1.5)
    action: Literal["flag", "clip", "drop"] = "flag"  # flag never changes a value
    min_distinct: int = Field(10, ge=3)  # fewer distinct values: a code or a count, skipped


class CleanConfig(_Section):
    """Every step of ``aieng clean``, in the order they run."""

    names: NamesStep = NamesStep()
    trim: TrimStep = TrimStep()
    missing_tokens: MissingTokensStep = MissingTokensStep()
    types: TypesStep = TypesStep()
    categories: CategoriesStep = CategoriesStep()
    duplicates: DuplicatesStep = DuplicatesStep()
    missing_values: MissingValuesStep = MissingValuesStep()
    outliers: OutliersStep = OutliersStep()


LEARNED_RULES = ("median", "mean", "mode")  # a fill value computed from the column


def steps_that_learn(config: CleanConfig) -> list[tuple[str, str]]:
    """The enabled steps whose result for one row depends on the other rows: ``(step, why)``.

    ``aieng clean`` on a whole table may do all of them. A pipeline that splits the table
    afterwards may not: run before the split, they let the test rows shape what training sees,
    and serving, which gets one row at a time, could never replay them (month 6 refuses them).
    """
    found = []
    if config.types.enabled:
        found.append(("types", "a column's type is decided by the share of its values that parse"))
    if config.categories.enabled:
        found.append(("categories", "spellings are merged towards the column's most frequent one"))
    rules = config.missing_values
    learned = sorted(
        {r for r in (rules.numeric, rules.category, rules.boolean, rules.text, rules.date)}
        & set(LEARNED_RULES)
    )
    if rules.enabled and learned:
        found.append(("missing_values", f"gaps are filled with the column's {' / '.join(learned)}"))
    if config.outliers.enabled and config.outliers.action != "flag":
        found.append(
            (
                "outliers",
                f"values are {config.outliers.action}ped at fences computed from the column "
                f"({config.outliers.method.upper()})",
            )
        )
    return found


def load_config(path: str | Path | None) -> CleanConfig:
    """Read a TOML config (``None``: the defaults); refuse unknown keys and bad values."""
    if path is None:
        return CleanConfig()
    data = tomlfile.read(
        path, what="config file", hint="see docs/m01-clean.md for an example config."
    )
    return parse_config(data, source=Path(path).name)


def parse_config(data: dict[str, object], *, source: str = "config") -> CleanConfig:
    """Validate a config mapping; the error names the first bad key as ``section.key``."""
    try:
        return CleanConfig.model_validate(data)
    except ValidationError as exc:
        raise tomlfile.invalid(
            exc,
            source=source,
            hint="see docs/m01-clean.md for every key, its type and its default.",
            model=CleanConfig,
        ) from exc
