"""The data contract: the columns a table must have, their types and their allowed values.

The pipeline's validate stage checks a table against a contract declared in the config before
anything is trained, and month 10 builds its request schema from the same contract, so a
:class:`Contract` is a plain description (:meth:`Contract.to_dict` is JSON, :meth:`Contract.to_toml`
is the config text)::

    [contract.columns.tenure]
    type = "int"
    min = 0
    max = 100

Checking (:mod:`aieng.pipeline.contract_checks`) runs in two pandera passes over a positional view
of the table, so duplicate index labels still map back to one cell each. Pass 1 checks that every
required column is present and that each cell *parses* as its declared type (lax, like pydantic:
``"12"`` is an int, ``3.5`` is not; a bool column takes ``True``/``False``, 0/1 and the words
true/false; category and text take anything, as text). Pass 2 runs on the parsed values: missing
values, ranges, allowed levels. Pandera's own ``coerce`` is not used for pass 1: with pandera 0.35
a fraction in an ``Int64`` column fails the whole column with no row named, and a missing value in
a category column counts as a coercion failure as well as a missing value.
Columns the contract does not declare are kept by :meth:`Contract.validate` and never an error
(:meth:`Contract.undeclared` lists them, so a report can say so).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, get_args

from aieng.errors import ConfigError, DataError, unknown_value

if TYPE_CHECKING:
    import pandas as pd

ColumnType = Literal["int", "float", "bool", "category", "text"]
TYPES: tuple[str, ...] = get_args(ColumnType)
FAILURE_COLUMNS = ("row", "column", "check", "value")
CATEGORY_MAX_LEVELS = 50  # draft_contract: more distinct texts than this is free text
CATEGORY_MAX_SHARE = 0.5  # ... and so is a column whose values are mostly distinct
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True, kw_only=True)
class ColumnRule:
    """What one column must hold."""

    type: ColumnType  # int, float, bool, category or text
    required: bool = True  # the column must be present
    nullable: bool = False  # missing values allowed
    min: float | None = None  # numbers only, inclusive
    max: float | None = None  # numbers only, inclusive
    allowed: tuple[str, ...] | None = None  # category only: the allowed values, in order
    description: str = ""  # optional, shown in reports and (later) the API docs

    def checks(self) -> list[str]:
        """The value checks of pass 2, in the plain words failures are reported with."""
        words = []
        if self.min is not None and self.max is not None:
            words.append(f"in range [{_num(self.min)}, {_num(self.max)}]")
        elif self.min is not None:
            words.append(f"at least {_num(self.min)}")
        elif self.max is not None:
            words.append(f"at most {_num(self.max)}")
        if self.allowed is not None:
            words.append("allowed values")
        return words


@dataclass(frozen=True)
class Contract:
    """The declared columns, in order (a mapping name → :class:`ColumnRule`)."""

    columns: Mapping[str, ColumnRule]

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, source: str = "contract") -> Contract:
        """Read the TOML ``[contract]`` table: ``{"columns": {"tenure": {"type": "int"}}}``."""
        if not isinstance(values, Mapping):
            raise ConfigError(
                f"{source} must be a table, got {type(values).__name__}",
                hint="write it as [contract.columns.<name>] tables with a `type` each.",
            )
        _known_keys(values, ["columns"], where=source, what="key")
        columns = values.get("columns")
        if not isinstance(columns, Mapping) or not columns:
            raise ConfigError(
                f"{source} declares no columns (got {columns!r})",
                hint='add at least one, e.g. [contract.columns.tenure] with type = "int".',
            )
        return cls({str(name): _rule(str(name), raw, source) for name, raw in columns.items()})

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict that :meth:`from_mapping` reads back; default fields are left out."""
        out: dict[str, Any] = {}
        for name, rule in self.columns.items():
            entry: dict[str, Any] = {}
            for f in fields(rule):
                value = getattr(rule, f.name)
                if f.name == "type" or value != f.default:
                    entry[f.name] = list(value) if isinstance(value, tuple) else value
            out[name] = entry
        return {"columns": out}

    def to_toml(self) -> str:
        """The contract as config text: one ``[contract.columns.<name>]`` table per column."""
        blocks = []
        for name, entry in self.to_dict()["columns"].items():
            lines = [f"[contract.columns.{_toml_key(name)}]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in entry.items()]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    def undeclared(self, frame: pd.DataFrame) -> list[str]:
        """The frame's columns the contract says nothing about (kept, never an error)."""
        return [str(c) for c in frame.columns if c not in self.columns]

    def check(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Every failure, one row per offending cell or missing column; empty when all pass.

        Columns: ``row`` (the input's index label; None for a missing column), ``column``,
        ``check`` (plain words: "column present", "type int", "not missing",
        "in range [0, 100]", "allowed values") and ``value`` (the cell as received, as text).
        ``frame`` is not modified.
        """
        from aieng.pipeline.contract_checks import run

        return run(self, frame)[1]

    def validate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy with the declared columns converted to their types, or :class:`ContractViolation`.

        int → ``int64`` (``Int64`` with missing values), float → ``float64``, bool → ``bool``
        (``boolean`` with missing values), category → ``category`` with ``allowed`` as the
        categories (the observed levels, sorted, without ``allowed``), text → ``str``. Other
        columns are kept unchanged and in place; an absent optional column stays absent.
        """
        from aieng.pipeline.contract_checks import final, run

        parsed, failures = run(self, frame)
        if not failures.empty:
            raise ContractViolation(failures)
        out = frame.copy(deep=False)  # pandas 3 copy-on-write: setting a column never leaks back
        for name, values in parsed.items():
            out[name] = final(values, self.columns[name]).set_axis(frame.index)
        return out


class ContractViolation(DataError):
    """The table breaks its data contract; ``failures`` lists every offending cell."""

    def __init__(self, failures: pd.DataFrame) -> None:
        self.failures = failures
        cells = failures[failures["row"].notna()]
        groups = [
            _group_words(str(column), str(check), group)
            for (column, check), group in failures.groupby(["column", "check"], sort=False)
        ]
        shown = "; ".join(groups[:6]) + (f"; and {len(groups) - 6} more" if len(groups) > 6 else "")
        n_rows = cells["row"].nunique()
        n_missing = len(failures) - len(cells)
        who = " and ".join(
            part
            for part in (
                _count(n_rows, "row") if n_rows else "",
                _count(n_missing, "missing column") if n_missing else "",
            )
            if part
        )
        verb = "breaks" if n_rows + n_missing == 1 else "break"
        super().__init__(
            f"{who} {verb} the data contract: {shown}",
            hint=f"fix the data, or the rule in the config's [contract.columns.<name>] table if "
            f"the data are right; all {len(failures):,} failures are listed in the report's "
            f"data contract section (and in ContractViolation.failures).",
        )


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


# --- reading the config ----------------------------------------------------------------------


def _rule(name: str, raw: object, source: str) -> ColumnRule:
    where = f"{source}: column {name!r}"
    if not name:
        raise ConfigError(f"{source}: a column has an empty name", hint="name every column.")
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"{where} must be a table, got {raw!r}",
            hint=f'write it as [contract.columns.{_toml_key(name)}] with type = "int" etc.',
        )
    _known_keys(raw, [f.name for f in fields(ColumnRule)], where=where, what="key")
    if "type" not in raw:
        raise ConfigError(f"{where} has no `type`", hint=f"add type = one of {', '.join(TYPES)}.")
    kind = raw["type"]
    if kind not in TYPES:
        err = unknown_value("type", str(kind), TYPES, listing="The types are")
        raise ConfigError(f"{where}: {err.message}", hint=err.hint)
    for key in ("required", "nullable"):
        if not isinstance(raw.get(key, False), bool):
            raise ConfigError(
                f"{where}: {key} must be true or false, got {raw[key]!r}",
                hint=f"write {key} = true or {key} = false, without quotes.",
            )
    bounds = {key: raw.get(key) for key in ("min", "max")}
    for key, value in bounds.items():
        if value is None:
            continue
        if kind not in ("int", "float"):
            raise ConfigError(
                f"{where}: {key} applies to int and float columns, not {kind}",
                hint=f"remove {key}, or change the type.",
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ConfigError(
                f"{where}: {key} must be a finite number, got {value!r}",
                hint=f"write e.g. {key} = 0, without quotes; leave it out for no bound.",
            )
    low, high = bounds["min"], bounds["max"]
    if low is not None and high is not None and low > high:
        raise ConfigError(
            f"{where}: min {low} is greater than max {high}", hint="swap them or fix one."
        )
    allowed = raw.get("allowed")
    if allowed is not None:
        if kind != "category":
            raise ConfigError(
                f"{where}: allowed applies to category columns, not {kind}",
                hint='remove allowed, or set type = "category".',
            )
        if (
            not isinstance(allowed, list | tuple)
            or not allowed
            or not all(isinstance(v, str) for v in allowed)
        ):
            raise ConfigError(
                f"{where}: allowed must be a non-empty list of texts, got {allowed!r}",
                hint='write e.g. allowed = ["Month-to-month", "One year", "Two year"].',
            )
        if len(set(allowed)) < len(allowed):
            raise ConfigError(
                f"{where}: allowed repeats a value: {allowed!r}", hint="list each once."
            )
        allowed = tuple(allowed)
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(
            f"{where}: description must be text, got {description!r}",
            hint='write it in quotes, e.g. description = "Months as a customer".',
        )
    return ColumnRule(
        type=kind,
        required=raw.get("required", True),
        nullable=raw.get("nullable", False),
        min=low,
        max=high,
        allowed=allowed,
        description=description,
    )


def _known_keys(raw: Mapping[str, Any], known: list[str], *, where: str, what: str) -> None:
    for key in raw:
        if key not in known:
            err = unknown_value(what, str(key), known, listing="The keys are")
            raise ConfigError(f"{where}: {err.message}", hint=err.hint)


def _toml_key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else _toml_value(name)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # JSON strings are TOML basic strings, but DEL must be escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)  # int or finite float: repr reads back exactly


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


# --- checking ----------------------------------------------------------------------------------


def _group_words(column: str, check: str, group: pd.DataFrame) -> str:
    if check == "column present":
        return f"{column} column present (missing)"
    first = group.iloc[0]
    return (
        f"{column} {check} ({_count(len(group), 'row')}, "
        f"e.g. row {first['row']}: {_quoted(first['value'])})"
    )


def _quoted(value: str) -> str:
    try:
        float(value)
    except ValueError:
        return repr(value)
    return value


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# --- drafting ----------------------------------------------------------------------------------


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
