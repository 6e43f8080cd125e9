"""Optional parts of aieng: which *extra* a command needs, and a clear error when it is missing.

``pip install aieng`` installs the core: the command line, the roadmap, NumPy, pandas and
scikit-learn. Each month's heavier libraries come in an extra, declared once, in
``pyproject.toml`` (``[project.optional-dependencies]``), and installed by name::

    pip install 'aieng[serve]'           # month 10's service, and nothing of months 1-6
    pip install 'aieng[all]'             # everything (what `make setup` does)

Without this module, a command whose extra is missing would die on an ``ImportError`` deep in
its code. Instead, where a command starts, it calls :func:`require`, which reads the extra's
packages from aieng's installed metadata (the ``Requires-Dist`` lines pip wrote from
``pyproject.toml``) and says what to install::

    Error: aieng serve needs the serve extra: fastapi, uvicorn are not installed
    Hint: pip install 'aieng[serve]' (`make setup` installs every extra)

So a month that adds an extra writes it in pyproject.toml and names it where its command starts;
nothing here changes. Month 7's is ``deep`` (torch, pinned to the CPU build, and safetensors);
its NumPy lesson and exercises need only the core and ``learn``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata

from aieng.errors import AiengError

DISTRIBUTION = "aieng"
# One line of Requires-Dist: `name[extras] (specifier); markers`. Only the parts read here.
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


class MissingExtraError(AiengError):
    """A command needs packages of an extra that is not installed."""


def _normal(name: str) -> str:
    """A distribution's name as pip compares them: ``PyYAML`` and ``pyyaml`` are one (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def declared() -> dict[str, tuple[str, ...]] | None:
    """Each extra's requirements as written in aieng's installed metadata; None: no metadata.

    A requirement that names aieng itself (``aieng[analysis]`` inside ``pipeline``) is kept as
    is: :func:`packages` follows it. No metadata means aieng runs from a source folder that was
    never installed; then nothing can be checked (and nothing is refused).
    """
    try:
        lines = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return None
    extras: dict[str, list[str]] = {}
    for line in lines:
        requirement, _, markers = line.partition(";")
        found = _EXTRA_MARKER.search(markers)
        if found is not None:
            extras.setdefault(found.group(1), []).append(requirement.strip())
    return {name: tuple(reqs) for name, reqs in extras.items()}


def packages(extra: str) -> list[str] | None:
    """The distributions extra EXTRA installs, the extras it includes followed; None: unknown.

    Unknown is an extra the installed metadata does not have: an editable install made before
    pyproject.toml gained it (``make setup`` reinstalls when that file changes). The command then
    runs, and the imports themselves tell. A misspelt extra in aieng's own code is caught by
    tests/code/test_extras.py, which checks every name against pyproject.toml.
    """
    extras = declared()
    if extras is None or extra not in extras:
        return None
    found: list[str] = []
    for requirement in extras[extra]:
        match = _NAME.match(requirement)
        if match is None:
            continue
        name, inner = match.group(1), match.group(2)
        if _normal(name) == DISTRIBUTION:  # aieng[analysis]: the packages of that extra
            for included in (inner or "").split(","):
                found += packages(included.strip()) or []
        elif name not in found:
            found.append(name)
    return found


def installed(distribution: str) -> bool:
    """Whether pip installed DISTRIBUTION here (read from its metadata: nothing is imported)."""
    try:
        metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def missing(extra: str) -> list[str]:
    """The packages of EXTRA that are not installed (none when the extra is unknown)."""
    return [name for name in packages(extra) or [] if not installed(name)]


def require(*extras: str, by: str) -> None:
    """Raise :class:`MissingExtraError` unless every package of EXTRAS is installed.

    ``by`` names what needs them, as the user typed it (``"aieng serve"``). Checking costs a
    metadata lookup per package, about 0.3 ms each; importing them would cost seconds.
    """
    needed = [extra for extra in extras if missing(extra)]
    if not needed:
        return
    absent = list(dict.fromkeys(name for extra in needed for name in missing(extra)))
    raise MissingExtraError(
        f"{by} needs the {_and(needed)} {'extra' if len(needed) == 1 else 'extras'}: "
        f"{', '.join(absent)} {'is' if len(absent) == 1 else 'are'} not installed",
        hint=f"pip install 'aieng[{','.join(needed)}]' (`make setup` installs every extra).",
    )


def require_package(distribution: str, *, extra: str, by: str, otherwise: str = "") -> None:
    """Raise :class:`MissingExtraError` unless DISTRIBUTION, one package of EXTRA, is installed.

    For a step that needs one package of an extra, not all of it: reading Parquet needs pyarrow,
    not the rest of the analysis extra. ``otherwise``: a way around it, added to the hint.
    """
    if installed(distribution):
        return
    raise MissingExtraError(
        f"{by} needs {distribution}, which is not installed",
        hint=f"pip install {distribution}, or the whole extra: pip install 'aieng[{extra}]'"
        + (f"; {otherwise}." if otherwise else "."),
    )


def _and(names: Iterable[str]) -> str:
    items = list(names)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
