"""Reading TOML (curriculum, data cards, exercises, users' configs) with errors one can act on.

Three things go wrong with a TOML file, and each gets one message, worded the same way
everywhere: the file is missing or unreadable (:func:`read`), its syntax is broken (the parser's
message names the line), or it parses but does not fit the model (:func:`invalid` names the
first field at fault and counts the rest).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

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


def invalid(exc: ValidationError, *, source: str, hint: str) -> ConfigError:
    """The first validation problem as one line: where, what, and how many problems in all."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "top level"
    return ConfigError(
        f"{source} does not validate: {where}: {first['msg']} ({exc.error_count()} problem(s))",
        hint=hint,
    )
