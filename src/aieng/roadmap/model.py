"""The roadmap as data: phases, months, concept areas and topics, validated at load.

The curriculum lives in ``roadmap.toml`` next to this file. Loading it through these pydantic
models turns every typo into an error at load time (an unknown field, a month that names a phase
that does not exist, a duplicated id) instead of a wrong screen later.

Ids are the contract with the learner's progress store: once published, a topic id never
changes meaning. A topic that must be renamed keeps its old id in ``aliases`` so that progress
recorded under the old id still counts (see ``aieng.roadmap.progress``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

TOPIC_ID = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"  # e.g. "data.cleaning.missing-values"
MONTH_ID = r"^m(0[1-9]|1[0-2])$"  # "m01" … "m12"

Status = Literal["built", "planned"]


def normalize_id(text: str) -> str:
    """How users type ids → how they are stored: trimmed, lower case, ``m3`` read as ``m03``."""
    key = text.strip().lower()
    if len(key) == 2 and key[0] == "m" and key[1].isdigit():
        key = f"m0{key[1]}"
    return key


class _Strict(BaseModel):
    """Base: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(_Strict):
    """One thing the roadmap text names that a learner should know or be able to do."""

    id: str = Field(pattern=TOPIC_ID)  # stable key for progress; never reused for another topic
    title: str  # short name shown in the tree
    source: str  # the phrase as the roadmap text names it (the coverage test looks for it)
    area: str  # concept area id (see Area.id)
    month: str = Field(pattern=MONTH_ID)  # the month in which aieng teaches it
    group: str = ""  # sub-heading inside the area, e.g. "Data Cleaning"
    why: str = ""  # one line: why an AI engineer needs it
    aliases: tuple[str, ...] = ()  # earlier ids of this topic; their progress carries over
    # Where aieng teaches it. Only things that exist may be named here (a test checks each):
    modules: tuple[str, ...] = ()  # importable modules, e.g. "aieng.errors"
    commands: tuple[str, ...] = ()  # CLI commands, e.g. "aieng data show"
    exercises: tuple[str, ...] = ()  # exercise ids from exercises/info.toml
    # month quizzes with a question tagged with this topic, e.g. "m01" for `aieng quiz m01`
    quizzes: tuple[Annotated[str, Field(pattern=MONTH_ID)], ...] = ()
    docs: tuple[str, ...] = ()  # pages relative to the repository root, e.g. "docs/m01-clean.md"

    @property
    def status(self) -> Status:
        """``built`` once aieng points at something real that teaches it, else ``planned``."""
        taught = self.modules or self.commands or self.exercises or self.quizzes or self.docs
        return "built" if taught else "planned"


class Month(_Strict):
    """One month of the 12-month plan: its goal, its skills and its project."""

    id: str = Field(pattern=MONTH_ID)
    phase: str  # Phase.id
    title: str  # as the roadmap text titles the month
    goal: str  # what the month is for, in the text's words
    skills: tuple[str, ...] = ()  # topic ids the text lists as this month's skills
    project: str  # the project, as the text states it
    deliverable: str  # what aieng builds for it: the command and what it produces
    module: str  # the package module that holds the month's project (may be planned)
    command: str  # the CLI command of the project (may be planned)

    @property
    def number(self) -> int:
        return int(self.id[1:])


class Phase(_Strict):
    id: str = Field(pattern=r"^p[1-4]$")
    title: str
    summary: str


class Area(_Strict):
    """One of the ten concept areas of the roadmap's first part."""

    id: str = Field(pattern=TOPIC_ID)
    number: int = Field(ge=1, le=10)
    title: str  # e.g. "Data Handling & Feature Engineering"
    tagline: str  # e.g. "AI Fuel"
    summary: (
        str  # the text's one-line claim, e.g. "Data quality directly determines AI performance."
    )


class Roadmap(_Strict):
    """The whole plan. Cross-references are checked when it is built."""

    title: str
    summary: str
    outcomes: tuple[str, ...]  # "Final Outcomes After 12 Months"
    phases: tuple[Phase, ...]
    months: tuple[Month, ...]
    areas: tuple[Area, ...]
    topics: tuple[Topic, ...]

    @model_validator(mode="after")
    def _check_references(self) -> Roadmap:
        problems: list[str] = []
        for kind, ids in (
            ("phase", [p.id for p in self.phases]),
            ("month", [m.id for m in self.months]),
            ("area", [a.id for a in self.areas]),
            ("topic id or alias", [i for t in self.topics for i in (t.id, *t.aliases)]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                problems.append(f"duplicated {kind}: {', '.join(dupes)}")
        phases = {p.id for p in self.phases}
        areas = {a.id for a in self.areas}
        months = {m.id for m in self.months}
        topics = {t.id: t for t in self.topics}
        for m in self.months:
            if m.phase not in phases:
                problems.append(f"month {m.id} names unknown phase {m.phase!r}")
            for skill in m.skills:
                if skill not in topics:
                    problems.append(f"month {m.id} lists unknown skill topic {skill!r}")
                elif topics[skill].month != m.id:
                    problems.append(f"month {m.id} lists skill {skill!r} taught in another month")
        for t in self.topics:
            if t.area not in areas:
                problems.append(f"topic {t.id} names unknown area {t.area!r}")
            if t.month not in months:
                problems.append(f"topic {t.id} names unknown month {t.month!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Lookups a screen needs; small enough to scan, so no indexes are kept.
    def month(self, month_id: str) -> Month:
        return next(m for m in self.months if m.id == month_id)

    def topics_of_month(self, month_id: str) -> list[Topic]:
        return [t for t in self.topics if t.month == month_id]

    def topics_of_area(self, area_id: str) -> list[Topic]:
        return [t for t in self.topics if t.area == area_id]

    def months_of_phase(self, phase_id: str) -> list[Month]:
        return [m for m in self.months if m.phase == phase_id]

    def canonical_ids(self) -> dict[str, str]:
        """Map every id *and* alias to the topic's current id (how old progress is carried over)."""
        mapping = {t.id: t.id for t in self.topics}
        mapping.update({alias: t.id for t in self.topics for alias in t.aliases})
        return mapping
