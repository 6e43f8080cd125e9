"""What the learn commands do, as library functions: status, check, hints, solutions.

The CLI (``aieng.cli.learn``) only prints what these return. Progress is the shared store:
starting an exercise marks it ``learning``, passing its check marks it ``done`` and records the
pass, and a quiz records each question's answer: those results move the roadmap's topics
(``aieng.roadmap.evidence``). Grading (and so NumPy) is imported only by the functions that
grade, so listing and hints stay light.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aieng.errors import NotFoundError, UsageError
from aieng.learn import workspace
from aieng.learn.manifest import Exercise, Manifest
from aieng.learn.state import LearnState
from aieng.learn.teaching import question_key
from aieng.roadmap.progress import Entry, ProgressStore, Status
from aieng.settings import get_settings

if TYPE_CHECKING:
    from aieng.learn.grading import Verdict
    from aieng.learn.quiz import Marked, Quiz
    from aieng.learn.sandbox import Sandbox

LAYERS = ("the failure you see", "the concept", "where to read")


def store() -> ProgressStore:
    return ProgressStore(get_settings().progress_db)


def status(exercise: Exercise, entries: dict[str, Entry]) -> Status:
    entry = entries.get(exercise.id)
    return entry.status if entry else "pending"


def next_to_do(manifest: Manifest, entries: dict[str, Entry]) -> Exercise | None:
    """The first exercise in order that is neither done nor skipped."""
    for exercise in manifest.exercises:
        if status(exercise, entries) not in ("done", "skipped"):
            return exercise
    return None


def current(manifest: Manifest, entries: dict[str, Entry]) -> Exercise:
    """The exercise ``aieng check`` grades without an id: the first started one not yet done."""
    for exercise in manifest.exercises:
        if workspace.is_started(exercise) and status(exercise, entries) not in ("done", "skipped"):
            return exercise
    upcoming = next_to_do(manifest, entries)
    hint = (
        f"start the next one with `aieng learn start {upcoming.id}`, or name one: aieng check ID."
        if upcoming
        else "every exercise is done; `aieng learn` lists them."
    )
    raise UsageError(f"no exercise in progress in {workspace.workspace_dir()}", hint=hint)


def start(exercise: Exercise, *, reset: bool = False) -> workspace.Started:
    started = workspace.start(exercise, reset=reset)
    if status(exercise, store().entries()) == "pending":
        store().mark([exercise.id], "learning")
    return started


def learner_file(exercise: Exercise) -> Path:
    path = workspace.learner_path(exercise)
    if not path.is_file():
        raise NotFoundError(
            f"you have not started {exercise.id}: there is no {path}",
            hint=f"run `aieng learn start {exercise.id}` first (or set AIENG_WORKSPACE).",
        )
    return path


def require_extras(exercise: Exercise, *, by: str) -> None:
    """Grading imports the month's own code and hypothesis: their extras, checked before that.

    An exercise needs the learn extra and its month's (aieng.runs.registry): an exercise of
    month 10 grades a FastAPI app, so it needs the serve extra too.
    """
    from aieng.extras import require
    from aieng.runs.registry import built_months

    month = built_months().get(exercise.month)
    require("learn", *(month.extras if month is not None else ()), by=by)


def is_prepared(exercise: Exercise) -> bool:
    """Whether the grader's cases are cached (else the next check prepares them: a few s)."""
    from aieng.learn.cases import cache_path
    from aieng.learn.graders import grader_for

    return cache_path(exercise, grader_for(exercise)[1]).exists()


def prepare(exercise: Exercise) -> int:
    """Prepare and cache the grader's cases now (``learn start`` does, so checks are fast)."""
    from aieng.learn.cases import prepare as prepare_cases
    from aieng.learn.graders import grader_for

    return len(prepare_cases(exercise, *grader_for(exercise)))


@dataclass(frozen=True)
class Checked:
    exercise: Exercise
    path: Path
    verdict: Verdict
    next_hint: int  # the layer the next `aieng hint` shows (1-based; 0: all shown)


def check(exercise: Exercise, *, sandbox: Sandbox | None = None) -> Checked:
    """Grade the learner's file (in ``sandbox`` if one was started early); a pass marks it done."""
    from aieng.learn.graders import grader_for
    from aieng.learn.grading import grade_file

    path = learner_file(exercise)
    grader, grader_file = grader_for(exercise)
    verdict = grade_file(exercise, grader, grader_file, path, sandbox=sandbox)
    state = LearnState()
    if verdict.passed:
        # The pass, at the exercise's revision, is what moves the topics it teaches
        # (aieng.roadmap.evidence). A failed check records nothing there: it neither moves a
        # topic nor takes back an earlier pass (the learner may be trying another way).
        store().record_pass(exercise.id, exercise.revision)
    else:
        state.set_failure(exercise.id, f"“{verdict.check}” failed: {verdict.lines[0]}")
    shown = state.get(exercise.id).hints_shown
    return Checked(exercise, path, verdict, 0 if shown >= len(LAYERS) else shown + 1)


@dataclass(frozen=True)
class Hint:
    layer: int  # 1-based
    title: str
    text: str


def hint(exercise: Exercise) -> list[Hint]:
    """Reveal one more layer and return every layer shown so far (the newest last)."""
    state = LearnState()
    shown = state.next_hint(exercise.id, len(LAYERS))
    last = state.get(exercise.id).last_failure
    texts = [
        exercise.hints.failure + (f"\nYour last check said: {last}" if last else ""),
        exercise.hints.concept,
        f"{exercise.hints.read}\nThe package's solution: {exercise.reference} "
        f"(`aieng solution {exercise.id}` once you pass); read {exercise.docs}.",
    ]
    return [Hint(i + 1, LAYERS[i], texts[i]) for i in range(shown)]


@dataclass(frozen=True)
class Solution:
    reference: str
    file: str
    line: int
    source: str
    revealed: bool  # shown before a pass (recorded)


def solution(exercise: Exercise, *, reveal: bool = False) -> Solution:
    """The reference's source, once the exercise is done (or with ``reveal``, recorded)."""
    done = status(exercise, store().entries()) == "done"
    state = LearnState()
    if not done and not reveal and not state.get(exercise.id).revealed:
        raise UsageError(
            f"the solution of {exercise.id} opens once you pass it",
            hint=f"keep going: `aieng check {exercise.id}`, `aieng hint {exercise.id}`; or see it "
            f"now with `aieng solution {exercise.id} --reveal` (that is recorded).",
        )
    if not done and reveal:
        state.reveal(exercise.id)
    if exercise.answer != "python":  # a script or a Dockerfile: the package's own file
        from aieng.learn.manifest import reference_file

        path = reference_file(exercise)
        return Solution(exercise.reference, str(path), 1, path.read_text(), revealed=not done)
    from aieng.learn.cases import load_reference

    obj = load_reference(exercise.reference)
    lines, first = inspect.getsourcelines(obj)
    return Solution(
        exercise.reference,
        str(inspect.getsourcefile(obj)),
        first,
        "".join(lines),
        revealed=not done,
    )


def record_quiz(quiz: Quiz, marked: list[Marked]) -> int:
    """Keep each question's answer (for its topics) and the quiz's best score; return the best.

    Each answer replaces the question's previous one, right or wrong: a topic's questions count
    when their latest answer is right, which is what the learner knows now.
    """
    store().record_answers((question_key(quiz.month, m.question), m.right) for m in marked)
    return LearnState().record_quiz(quiz.month, sum(m.right for m in marked), len(marked))
