"""One column's rule in a data contract: its type, whether it may be missing, its range or levels.

A rule is read from the TOML a pipeline config holds (:func:`parse_rule`) and written back the same
way (:func:`toml_key`, :func:`toml_value`), so a contract drafted from a table can be pasted into a
config and read again unchanged.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

from aieng.errors import ConfigError, unknown_value

ColumnType = Literal["int", "float", "bool", "category", "text"]
TYPES: tuple[str, ...] = get_args(ColumnType)
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


def parse_rule(name: str, raw: object, source: str) -> ColumnRule:
    """The rule of column ``name`` from its TOML table; a ConfigError names what is wrong."""
    where = f"{source}: column {name!r}"
    if not name:
        raise ConfigError(f"{source}: a column has an empty name", hint="name every column.")
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"{where} must be a table, got {raw!r}",
            hint=f'write it as [contract.columns.{toml_key(name)}] with type = "int" etc.',
        )
    known_keys(raw, [f.name for f in fields(ColumnRule)], where=where, what="key")
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


def known_keys(raw: Mapping[str, Any], known: list[str], *, where: str, what: str) -> None:
    """Refuse a key of ``raw`` that is not in ``known``, suggesting the closest."""
    for key in raw:
        if key not in known:
            err = unknown_value(what, str(key), known, listing="The keys are")
            raise ConfigError(f"{where}: {err.message}", hint=err.hint)


def toml_key(name: str) -> str:
    """``name`` as a TOML key: bare when it can be, quoted otherwise."""
    return name if _BARE_KEY.fullmatch(name) else toml_value(name)


def toml_value(value: object) -> str:
    """A rule's value (bool, text, number or list of them) as TOML text that reads back equal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # JSON strings are TOML basic strings, but DEL must be escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return repr(value)  # int or finite float: repr reads back exactly


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
