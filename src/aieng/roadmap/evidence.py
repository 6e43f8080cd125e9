"""When a roadmap topic is done: the rule, from the learner's marks and results.

What can complete a topic (its *requirements*) is every exercise that lists it in
``exercises/info.toml`` and every quiz question tagged with it in ``exercises/quizzes/`` — from
any month. The rule, in the order it is applied:

1. **A mark of done or skipped wins.** ``aieng progress mark T done`` (or ``skipped``) is the
   learner's word; no result changes it, until the learner marks the topic again.
2. **The newer word wins otherwise.** A mark of ``pending`` or ``learning`` resets the topic:
   results recorded before it no longer count for this topic (they still count for others);
   results recorded after it do. So a learner who resets a topic and passes its exercises
   again sees it done again.
3. **A topic with no requirement moves only by hand**: its mark, else ``pending``.
4. **Done when every requirement is met**: each exercise passed at its *current* revision
   (an exercise whose grader got stricter since raises its revision, and an older pass shows
   as "check it again"), and each tagged question's *latest* answer right (a wrong answer
   after a right one undoes it: the latest answer is what the learner knows now).
5. **Learning when some are met or tried**: a requirement met, an exercise started, a question
   answered wrong, an old revision passed. Otherwise the topic's mark, else ``pending``.

An exercise counts as passed when a grader passed it (``Result``), not when it was marked done
by hand; a mark of the *exercise* made after its pass (``pending``, ``skipped``) withdraws the
pass. Everything here is plain data in, plain data out: no file, no import of learn mode, so
``aieng progress`` stays fast and the rule is testable on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from aieng.roadmap.model import Topic
from aieng.roadmap.progress import Entry, Results, Status

Source = Literal["marked", "results", "none"]  # what decided a topic's status


@dataclass(frozen=True)
class QuestionRef:
    """One quiz question, as a requirement: where it is and the key its answers are kept under."""

    key: str  # "m01:3f2a9c0d1e2b": the quiz, then a digest of the prompt
    quiz: str  # "m01", for `aieng quiz m01`
    number: int  # 1-based, as the quiz numbers it
    prompt: str


@dataclass(frozen=True)
class Teaching:
    """What can complete each topic (built by ``aieng.learn.teaching`` from the exercise files)."""

    exercises: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # topic → exercises
    questions: Mapping[str, tuple[QuestionRef, ...]] = field(default_factory=dict)  # topic → qs
    revisions: Mapping[str, int] = field(default_factory=dict)  # exercise → current revision


@dataclass(frozen=True)
class Requirement:
    """One exercise or question of a topic, and where the learner stands with it."""

    label: str  # "m04.roc-auc" or "quiz m04, question 5"
    met: bool
    tried: bool  # started, answered wrong, passed an older revision: under way
    state: str  # what the learner reads: "passed on 2026-01-31", "answered wrong on …"
    todo: str  # the command that meets it ("" when met)


@dataclass(frozen=True)
class TopicProgress:
    status: Status
    source: Source
    mark: Entry | None  # the topic's newest mark (under its id or an alias)
    requirements: tuple[Requirement, ...]

    @property
    def met(self) -> int:
        return sum(r.met for r in self.requirements)

    @property
    def missing(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)

    @property
    def needs(self) -> str:
        """What is missing, with where the learner stands: ``m04.roc-auc (not started), …``."""
        return ", ".join(f"{r.label} ({r.state})" for r in self.missing)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "source": self.source,
            "reason": self.reason,
            "requirements": [
                {"item": r.label, "met": r.met, "state": r.state, "todo": r.todo}
                for r in self.requirements
            ],
        }

    @property
    def reason(self) -> str:
        """One line: why the topic has its status."""
        n, met = len(self.requirements), self.met
        if self.source == "none":
            return "nothing in aieng checks it yet: mark it when you know it"
        said = ""
        if self.mark is not None:
            said = f"marked {self.mark.status} by you on {_day(self.mark.updated_at)}"
            if not n:
                return f"{said}; nothing in aieng checks it yet"
            if self.mark.status in ("done", "skipped"):
                return f"{said} (your mark wins; {met} of {n} done)"
        count = f"{met} of {n} done"
        return f"{said}; {count} since" if said else count


def topic_mark(topic: Topic, marks: Mapping[str, Entry]) -> Entry | None:
    """The topic's newest mark, under its id or any earlier alias."""
    found = [marks[i] for i in (topic.id, *topic.aliases) if i in marks]
    return max(found, key=lambda e: e.updated_at) if found else None


def topic_progress(
    topic: Topic, marks: Mapping[str, Entry], results: Results, teaching: Teaching
) -> TopicProgress:
    """The topic's status by the rule above, with every requirement's state (the "why")."""
    mark = topic_mark(topic, marks)
    since = mark.updated_at if mark is not None and mark.status in ("pending", "learning") else ""
    reqs = tuple(
        [
            _exercise(e, marks, results, teaching, since)
            for e in teaching.exercises.get(topic.id, ())
        ]
        + [_question(q, results, since) for q in teaching.questions.get(topic.id, ())]
    )
    if mark is not None and mark.status in ("done", "skipped"):
        return TopicProgress(mark.status, "marked", mark, reqs)
    if reqs and all(r.met for r in reqs):
        return TopicProgress("done", "results", mark, reqs)
    if any(r.met or r.tried for r in reqs):
        return TopicProgress("learning", "results", mark, reqs)
    if mark is not None:
        return TopicProgress(mark.status, "marked", mark, reqs)
    return TopicProgress("pending", "none" if not reqs else "results", None, reqs)


def _exercise(
    exercise_id: str, marks: Mapping[str, Entry], results: Results, t: Teaching, since: str
) -> Requirement:
    current = t.revisions.get(exercise_id, 1)
    passed = results.get(("exercise", exercise_id))
    mark = marks.get(exercise_id)  # the exercise's own: started, passed, or set by hand
    check, start = f"aieng check {exercise_id}", f"aieng learn start {exercise_id}"

    def req(met: bool, tried: bool, state: str, todo: str) -> Requirement:
        return Requirement(exercise_id, met, tried, state, "" if met else todo)

    if (  # the learner marked the exercise again after passing it: the pass is withdrawn
        passed is not None
        and mark is not None
        and mark.status != "done"
        and mark.updated_at > passed.updated_at
    ):
        return req(
            False,
            mark.status == "learning" and mark.updated_at > since,
            f"marked {mark.status} by you after its pass on {_day(passed.updated_at)}",
            check,
        )
    if passed is not None:
        when = _day(passed.updated_at)
        if passed.updated_at <= since:
            return req(
                False,
                False,
                f"passed on {when}, before your mark of the topic: pass it again",
                check,
            )
        if passed.revision < current:
            return req(
                False,
                True,
                f"passed revision {passed.revision} on {when}; it has changed since "
                f"(revision {current}): check it again",
                check,
            )
        return req(True, True, f"passed on {when}", "")
    if mark is None or mark.status == "pending":
        return req(False, False, "not started", start)
    if mark.status == "skipped":
        return req(False, False, "skipped by you", start)
    if mark.status == "done":  # by hand: the learner's word for the exercise, not a pass
        return req(False, True, "marked done by hand, not passed", check)
    return req(False, mark.updated_at > since, "started, not passed yet", check)


def _question(q: QuestionRef, results: Results, since: str) -> Requirement:
    label = f"quiz {q.quiz}, question {q.number}"
    answer = results.get(("question", q.key))
    todo = f"aieng quiz {q.quiz}"
    if answer is None:
        return Requirement(label, False, False, "not answered", todo)
    when = _day(answer.updated_at)
    if answer.updated_at <= since:
        return Requirement(
            label,
            False,
            False,
            f"answered on {when}, before your mark of the topic: answer it again",
            todo,
        )
    if answer.passed:
        return Requirement(label, True, True, f"answered right on {when}", "")
    return Requirement(label, False, True, f"answered wrong on {when}", todo)


def _day(stamp: str) -> str:
    """``2026-01-31T09:30:00.000000+00:00`` → ``2026-01-31`` (the day is what a learner needs)."""
    return stamp[:10]
