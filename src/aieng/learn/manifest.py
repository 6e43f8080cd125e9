"""The exercise manifest ``exercises/info.toml``: every exercise in order, validated at load.

An exercise names its starter file, its three hint layers and — the rule that keeps the
exercises honest — the *package* function or class that is its reference solution, as a dotted
path. Solutions are never written twice: the grader compares the learner's function with the
package's own code.

Most answers are Python: the learner's file defines ``function``, which the sandboxed child
imports and calls. An answer of another kind (``answer = "bash"``: a script; ``"dockerfile"``) is
never imported: the grader's harness receives the file's path and runs or reads it itself (a
script with bash in a temporary folder, a Dockerfile parsed and linted, never built; see
``aieng.learn.harnesses.shell``). Such an exercise has no ``function``, its starter ends in
``.sh`` or ``.Dockerfile``, and its ``reference`` is the package's own file that solves it, as a
path under ``src/`` (``"aieng/learn/references/git_revert.sh"``).

Where is ``exercises/``? At the repository root (DESIGN.md), next to ``src/``. An editable
install finds it relative to this package (``src/aieng/learn/manifest.py`` → ``../../..``);
``$AIENG_EXERCISES`` points anywhere else (an unpacked copy of the repository, say).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aieng import tomlfile
from aieng.errors import ConfigError, NotFoundError, unknown_name
from aieng.roadmap.model import MONTH_ID, TOPIC_ID, normalize_id

EXERCISES_ENV = "AIENG_EXERCISES"
MANIFEST = "info.toml"
# "m03_scratch/ex1_loss.py", "m01_tools/ex1_revert.sh", "m10_deploy/ex1_service.Dockerfile"
STARTER = r"^m(0[1-9]|1[0-2])_[a-z0-9_]+/ex[0-9]+_[a-z0-9_]+\.(py|sh|Dockerfile)$"
DOTTED = r"^aieng(\.[A-Za-z_][A-Za-z0-9_]*)+$"  # "aieng.scratch.loss_and_gradient"
REFERENCE_FILE = r"^aieng(/[a-z0-9_]+)+\.(sh|Dockerfile)$"  # "aieng/learn/references/x.sh"

# What the learner writes, the suffix of its starter, and how the grader names it to them.
Answer = Literal["python", "bash", "dockerfile"]
SUFFIX: dict[str, str] = {"python": ".py", "bash": ".sh", "dockerfile": ".Dockerfile"}
SUBJECT: dict[str, str] = {"bash": "your script", "dockerfile": "your Dockerfile"}


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
    answer: Answer = "python"  # what the learner writes: a Python file, a script, a Dockerfile
    # what a Python answer must define: a function, or a class (m01.error-classes); none else
    function: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    # the package function/class that solves it (dotted), or for another kind its file
    reference: str = Field(pattern=f"{DOTTED}|{REFERENCE_FILE}")
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

    @model_validator(mode="after")
    def _answer_kind_fits(self) -> Exercise:
        suffix = SUFFIX[self.answer]
        if not self.starter.endswith(suffix):
            raise ValueError(
                f"starter {self.starter!r}: an answer of kind {self.answer!r} is a {suffix} file"
            )
        python = self.answer == "python"
        if python and self.function is None:
            raise ValueError("a Python answer names the function (or class) it defines")
        if not python and self.function is not None:
            raise ValueError(
                f"an answer of kind {self.answer!r} is not imported: it has no function "
                f"(got function = {self.function!r}); the grader's harness runs the file"
            )
        if python != bool(re.match(DOTTED, self.reference)):
            want = "a dotted path (aieng.x.y)" if python else "a file under src/ (aieng/…/x.sh)"
            raise ValueError(f"reference {self.reference!r}: a {self.answer} answer's is {want}")
        return self

    @property
    def subject(self) -> str:
        """How the grader names the learner's answer: ``"loss()"``, ``"your script"``."""
        return f"{self.function}()" if self.function is not None else SUBJECT[self.answer]


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
        if e.answer != "python" and not reference_file(e).is_file():
            problems.append(f"{e.id}: no reference file src/{e.reference}")
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


def reference_file(exercise: Exercise) -> Path:
    """The file that solves an exercise whose answer is not Python (a script, a Dockerfile)."""
    if exercise.answer == "python":
        raise ValueError(f"{exercise.id}'s reference is a Python object, not a file")
    return Path(__file__).resolve().parents[2] / exercise.reference  # src/ (or site-packages/)


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
