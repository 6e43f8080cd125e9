"""The data contract: the columns a table must have, their types and their allowed values.

A :class:`Contract` is a plain description: :meth:`Contract.to_dict` is JSON (it travels with a
model in its MLflow metadata, and month 10 builds its request schema from it) and
:meth:`Contract.to_toml` is the config text a pipeline declares it in::

    [contract.columns.tenure]
    type = "int"
    min = 0
    max = 100

Checking (:mod:`aieng.contract.checks`) runs in two pandera passes over a positional view of the
table, so duplicate index labels still map back to one cell each. Pass 1 checks that every
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

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from aieng.contract.checks import final, run
from aieng.contract.rules import ColumnRule, known_keys, parse_rule, toml_key, toml_value
from aieng.errors import ConfigError, DataError

if TYPE_CHECKING:
    import pandas as pd


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
        known_keys(values, ["columns"], where=source, what="key")
        columns = values.get("columns")
        if not isinstance(columns, Mapping) or not columns:
            raise ConfigError(
                f"{source} declares no columns (got {columns!r})",
                hint='add at least one, e.g. [contract.columns.tenure] with type = "int".',
            )
        return cls({str(name): parse_rule(str(name), raw, source) for name, raw in columns.items()})

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
            lines = [f"[contract.columns.{toml_key(name)}]"]
            lines += [f"{key} = {toml_value(value)}" for key, value in entry.items()]
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
        return run(self.columns, frame)[1]

    def validate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy with the declared columns converted to their types, or :class:`ContractViolation`.

        int → ``int64`` (``Int64`` with missing values), float → ``float64``, bool → ``bool``
        (``boolean`` with missing values), category → ``category`` with ``allowed`` as the
        categories (the observed levels, sorted, without ``allowed``), text → ``str``. Other
        columns are kept unchanged and in place; an absent optional column stays absent.
        """
        parsed, failures = run(self.columns, frame)
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
