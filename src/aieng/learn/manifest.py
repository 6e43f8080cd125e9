"""The exercise manifest ``exercises/info.toml``: every exercise in order, validated at load.

An exercise names its starter file, its three hint layers and — the rule that keeps the
exercises honest — the *package* function or class that is its reference solution, as a dotted
path. Solutions are never written twice: the grader compares the learner's function with the
package's own code.

Where is ``exercises/``? At the repository root (DESIGN.md), next to ``src/``. An editable
install finds it relative to this package (``src/aieng/learn/manifest.py`` → ``../../..``);
``$AIENG_EXERCISES`` points anywhere else (an unpacked copy of the repository, say).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aieng import tomlfile
from aieng.errors import ConfigError, NotFoundError, unknown_name
from aieng.roadmap.model import MONTH_ID, TOPIC_ID, normalize_id

EXERCISES_ENV = "AIENG_EXERCISES"
MANIFEST = "info.toml"
STARTER = r"^m(0[1-9]|1[0-2])_[a-z0-9_]+/ex[0-9]+_[a-z0-9_]+\.py$"  # "m03_scratch/ex1_loss.py"
DOTTED = r"^aieng(\.[A-Za-z_][A-Za-z0-9_]*)+$"  # "aieng.scratch.loss_and_gradient"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hints(_Strict):
    """Three layers, shown one per ``aieng hint`` call (rustlings' habit)."""

    failure: str  # 1: the failure the learner is looking at, in plain words
    concept: str  # 2: the idea that fixes it
    read: str  # 3: where to read (the package function and the docs page are added to it)


class Exercise(_Strict):
    id: str = Field(pattern=TOPIC_ID)  # stable: progress is stored under it; never reused
    month: str = Field(pattern=MONTH_ID)
    title: str
    topics: tuple[str, ...] = Field(min_length=1)  # roadmap topic ids it exercises
    starter: str = Field(pattern=STARTER)  # relative to exercises/
    # what the learner's file must define: a function, or a class (m01.error-classes)
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    reference: str = Field(pattern=DOTTED)  # the package function/class that solves it
    docs: str  # the page to read, relative to the repository root
    hints: Hints
    # Raised by one when an answer that passed may now fail (a stricter grader, a changed
    # contract); rewording a hint or a docstring is not a new revision. A pass counts for the
    # roadmap only at the current revision (aieng.roadmap.evidence), so a learner checks again.
    revision: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _id_names_month(self) -> Exercise:
        if not self.id.startswith(f"{self.month}."):
            raise ValueError(f"exercise id {self.id!r} must start with its month, {self.month}.")
        if not self.starter.startswith(f"{self.month}_"):
            raise ValueError(f"starter {self.starter!r} must be in a {self.month}_… folder")
        return self


class Manifest(_Strict):
    exercises: tuple[Exercise, ...]

    @model_validator(mode="after")
    def _unique(self) -> Manifest:
        for what, values in (
            ("exercise id", [e.id for e in self.exercises]),
            ("starter", [e.starter for e in self.exercises]),
        ):
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                raise ValueError(f"duplicated {what}: {', '.join(dupes)}")
        return self

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id (``m3.loss`` is read as ``m03.loss``), or a "did you mean"."""
        key = exercise_id.strip().lower()
        month, _, rest = key.partition(".")
        key = f"{normalize_id(month)}.{rest}" if rest else key
        for exercise in self.exercises:
            if exercise.id == key:
                return exercise
        raise unknown_name(
            "exercise", exercise_id, [e.id for e in self.exercises], list_command="aieng learn"
        )

    def of_month(self, month_id: str) -> list[Exercise]:
        return [e for e in self.exercises if e.month == month_id]

    @property
    def months(self) -> list[str]:
        """Months that have exercises, in order."""
        return sorted({e.month for e in self.exercises})


def exercises_dir() -> Path:
    """The ``exercises/`` folder: ``$AIENG_EXERCISES``, else the repository root's."""
    raw = os.environ.get(EXERCISES_ENV, "").strip()
    folder = Path(raw).expanduser() if raw else Path(__file__).resolve().parents[3] / "exercises"
    if not (folder / MANIFEST).is_file():
        raise NotFoundError(
            f"no exercise manifest at {str(folder / MANIFEST)!r}",
            hint=f"the exercises ship with the aieng repository: run aieng from a clone "
            f"(pip install -e .), or set {EXERCISES_ENV} to its exercises/ folder.",
        )
    return folder.resolve()


def parse(raw: str, *, source: str = MANIFEST) -> Manifest:
    """Parse and validate manifest text (apart from :func:`load` so tests can feed edits)."""
    data = tomlfile.loads(raw, source=source)
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise tomlfile.invalid(
            exc,
            source=source,
            hint="see the fields of Exercise in aieng/learn/manifest.py.",
            model=Manifest,
        ) from exc


def check_against(manifest: Manifest, folder: Path) -> None:
    """Cross-checks the model cannot do alone: starters exist, topics exist in the roadmap."""
    from aieng.roadmap import load as load_roadmap

    roadmap = load_roadmap()
    topics = {t.id: t for t in roadmap.topics}
    problems: list[str] = []
    for e in manifest.exercises:
        if not (folder / e.starter).is_file():
            problems.append(f"{e.id}: no starter file {e.starter}")
        if e.id in roadmap.canonical_ids():
            problems.append(f"{e.id}: the id is already a roadmap topic id")
        problems += topic_problems(e.id, e.topics, month=e.month, known=topics)
    if problems:
        raise ConfigError(
            f"{folder / MANIFEST} is inconsistent: {'; '.join(problems)}",
            hint="fix the manifest (or the starter folder) so every reference exists.",
        )


@cache
def _load_from(folder: Path) -> Manifest:
    path = folder / MANIFEST
    manifest = parse(path.read_text(encoding="utf-8"), source=str(path))
    check_against(manifest, folder)
    return manifest


def load() -> Manifest:
    """The validated manifest of the current exercises folder."""
    return _load_from(exercises_dir())


def starter_path(exercise: Exercise) -> Path:
    return exercises_dir() / exercise.starter


def topic_problems(
    label: str, named: Iterable[str], *, month: str, known: Mapping[str, Any]
) -> list[str]:
    """What is wrong with the roadmap topics an exercise or a quiz question names.

    Each must exist (``known``: topic id -> topic) and be taught in ``month``: a month's
    exercises and quizzes teach that month's topics.
    """
    problems = []
    for topic in named:
        if topic not in known:
            problems.append(f"{label}: unknown roadmap topic {topic!r}")
        elif known[topic].month != month:
            problems.append(f"{label}: topic {topic!r} is taught in {known[topic].month}")
    return problems
