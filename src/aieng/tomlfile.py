"""Reading TOML (curriculum, data cards, exercises, users' configs) with errors one can act on.

Three things go wrong with a TOML file, and each gets one message, worded the same way
everywhere: the file is missing or unreadable (:func:`read`), its syntax is broken (the parser's
message names the line), or it parses but does not fit the model (:func:`invalid` names the
first field at fault and counts the rest).
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from aieng.errors import ConfigError, InputFileError

SYNTAX_HINT = "fix the syntax at the line shown (a missing quote or bracket, usually)."


def loads(raw: str, *, source: str, hint: str = SYNTAX_HINT) -> dict[str, Any]:
    """Parse TOML text; broken syntax is a :class:`ConfigError` naming ``source`` and the line."""
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source} is not valid TOML: {exc}", hint=hint) from exc


def read(path: str | Path, *, what: str, hint: str) -> dict[str, Any]:
    """Read a TOML file a user names (``what``: e.g. "config file") and parse it.

    A missing or undecodable file is an :class:`InputFileError`; broken syntax a
    :class:`ConfigError` with ``hint``.
    """
    source = Path(path).expanduser()
    if not source.is_file():
        raise InputFileError(
            f"no such {what} {str(source)!r}",
            hint="check the path, or leave the option out to use the defaults.",
        )
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{what} {str(source)!r} is not valid TOML: it is not UTF-8 text ({exc.reason})",
            hint="save it as UTF-8 text.",
        ) from exc
    return loads(text, source=f"{what} {str(source)!r}", hint=hint)


def invalid(exc: ValidationError, *, source: str, hint: str, model: Any = None) -> ConfigError:
    """The one translation, for every month, of a pydantic error into a config error.

    The first problem, named by its dotted key, with what was received (or, for an unknown
    key, the closest known one and all the keys known there, read from ``model``: a pydantic
    model or dataclass, when given), and how many more there are. ``hint`` says where the
    fields are documented.
    """
    first = exc.errors()[0]
    path = [str(part) for part in first["loc"]]
    key = ".".join(path) or "top level"
    more = exc.error_count() - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if first["type"] == "extra_forbidden":
        known = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(path[-1], known, n=1) if path else []
        guess = f"; did you mean {close[0]!r}?" if close else ""
        return ConfigError(
            f"{source}: unknown key {key!r}{guess}{tail}",
            hint=f"the keys known here: {', '.join(known)}." if known else hint,
        )
    got = "" if first["type"] == "missing" else f" (got {_shown(first.get('input'))})"
    return ConfigError(f"{source}: bad value for {key!r}: {first['msg']}{got}{tail}", hint=hint)


def _fields_at(model: Any, path: list[str]) -> list[str]:
    """The field names of ``model`` (a pydantic model or dataclass) at ``path``; [] if unknown.

    A number in the path is a list item (``topics.3.colour``); ``X | None`` is ``X``.
    """
    import dataclasses
    import typing

    for name in [*path, None]:
        if name is not None and name.isdigit():  # an item of a list or tuple field
            args = typing.get_args(model)
            model = args[0] if args else None
            continue
        model = next(
            (t for t in (*typing.get_args(model), model) if isinstance(t, type)), None
        )  # X | None -> X
        if model is not None and issubclass(model, BaseModel):
            types = {n: f.annotation for n, f in model.model_fields.items()}
        elif model is not None and dataclasses.is_dataclass(model):
            hints = typing.get_type_hints(model)  # resolves postponed annotations
            types = {f.name: hints.get(f.name) for f in dataclasses.fields(model)}
        else:
            return []
        if name is None:
            return list(types)
        model = types.get(name)
    return []


def _shown(value: Any) -> str:
    """A received value, cut short (a config value is small; a pasted blob is not)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
