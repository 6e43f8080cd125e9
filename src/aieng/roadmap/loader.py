"""Read the curriculum shipped inside the package and validate it."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import ValidationError

from aieng.errors import ConfigError
from aieng.roadmap.model import Roadmap

DATA_FILE = "roadmap.toml"
TEXT_FILE = "roadmap_text.txt"  # the roadmap's original text, which the data file transcribes


@cache  # the file ships with the package and never changes while the process runs
def load() -> Roadmap:
    """Return the validated roadmap; a broken data file is a :class:`ConfigError`."""
    raw = resources.files("aieng.roadmap").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse(raw, source=DATA_FILE)


def parse(raw: str, *, source: str = "<string>") -> Roadmap:
    """Parse and validate roadmap TOML text (separate from :func:`load` so tests can feed edits)."""
    try:
        return Roadmap.model_validate(tomllib.loads(raw))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{source} is not valid TOML: {exc}",
            hint="fix the syntax at the line shown (a missing quote or bracket, usually).",
        ) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise ConfigError(
            f"{source} does not validate: {where}: {first['msg']} ({exc.error_count()} problem(s))",
            hint="each topic needs id, title, source, area and month; see aieng/roadmap/model.py.",
        ) from exc


def load_text() -> str:
    """The original roadmap text, as published (shown by ``aieng roadmap --source``)."""
    return resources.files("aieng.roadmap").joinpath(TEXT_FILE).read_text(encoding="utf-8")
