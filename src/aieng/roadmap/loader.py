"""Read the curriculum shipped inside the package and validate it."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import ValidationError

from aieng import tomlfile
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
    data = tomlfile.loads(raw, source=source)
    try:
        return Roadmap.model_validate(data)
    except ValidationError as exc:
        raise tomlfile.invalid(
            exc,
            source=source,
            hint="each topic needs id, title, source, area and month; see aieng/roadmap/model.py.",
            model=Roadmap,
        ) from exc


def load_text() -> str:
    """The original roadmap text, as published (shown by ``aieng roadmap --source``)."""
    return resources.files("aieng.roadmap").joinpath(TEXT_FILE).read_text(encoding="utf-8")
