"""Concept quizzes, one per month (``exercises/quizzes/mNN.toml``): what code cannot check.

A question is multiple choice (``choices``, answered by letter) or numeric (``answer`` a
number, right within ``tolerance``). Every question carries the explanation the learner sees
after answering, right or wrong, and may name the roadmap topics it tests (``topics``): those
topics list the quiz back in ``roadmap.toml`` (``quizzes = ["m01"]``), which counts them as
taught. Like an exercise's, a question's topics must exist and belong to the quiz's month.

A quiz is taken as an :class:`Attempt`: its choices shuffled by a seed, so where the right
answer sits tells nothing, and the same seed shows the same order again (``aieng quiz m04
--seed 4821``: a script can answer by letter, a retake can be compared). The file keeps its
own order, the *canonical* one; an attempt maps each answer back to it, so whatever is stored
means the same whatever the seed was.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aieng import tomlfile
from aieng.errors import ConfigError, UsageError, unknown_name
from aieng.learn.manifest import exercises_dir, topic_problems
from aieng.roadmap.model import MONTH_ID, normalize_id

LETTERS = "abcdefgh"
# A fresh attempt's seed is drawn below this: six digits are easy to retype, and a million
# seeds reach every one of the 4! = 24 orders of a four-choice question many times over.
SEEDS = 1_000_000


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: str
    choices: tuple[str, ...] = ()  # empty: a numeric question
    answer: str | float  # a letter for a choice question, a number otherwise
    tolerance: float = Field(default=0.0, ge=0)  # numeric questions: |given - answer| ≤ tolerance
    explanation: str
    topics: tuple[str, ...] = ()  # roadmap topic ids the question tests, e.g. ("m01.git",)

    @model_validator(mode="after")
    def _answer_fits(self) -> Question:
        if self.choices:
            if not 2 <= len(self.choices) <= len(LETTERS):
                raise ValueError(f"a choice question needs 2 to {len(LETTERS)} choices")
            if not (isinstance(self.answer, str) and self.answer in self.letters):
                raise ValueError(f"answer must be one of {', '.join(self.letters)}")
        elif isinstance(self.answer, str):
            raise ValueError("a question without choices needs a numeric answer")
        return self

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.choices)]

    def parse(self, raw: str) -> str | float:
        """The learner's answer as a letter or a number; a :class:`UsageError` says why not."""
        text = raw.strip().lower()
        if self.choices:
            if len(text) == 1 and text in self.letters:
                return text
            raise UsageError(
                f"answer {raw!r} is not one of the choices",
                hint=f"answer with a letter: {', '.join(self.letters)}.",
            )
        try:
            return float(text)
        except ValueError:
            raise UsageError(
                f"answer {raw!r} is not a number", hint="answer with a number, e.g. 0.5 or 1e-3."
            ) from None

    def is_right(self, given: str | float) -> bool:
        if self.choices:
            return given == self.answer
        return isinstance(given, float) and abs(given - float(self.answer)) <= self.tolerance

    @property
    def correct_text(self) -> str:
        return self.text_of(self.answer)

    def text_of(self, given: str | float) -> str:
        """An answer as the learner reads it back: ``c) the chosen text``, or the number."""
        if self.choices:
            return f"{given}) {self.choices[self.letters.index(str(given))]}"
        return f"{float(given):g}"

    def permuted(self, order: tuple[int, ...]) -> Question:
        """The question with its choices shown in ``order`` (shown position → position in the
        file), its answer letter moved with them. A numeric question is returned as it is."""
        if not self.choices:
            return self
        if sorted(order) != list(range(len(self.choices))):
            raise ValueError(f"{order} is not an order of {len(self.choices)} choices")
        right = order.index(self.letters.index(str(self.answer)))
        # model_copy skips validation: the copy is valid because the original was.
        return self.model_copy(
            update={"choices": tuple(self.choices[k] for k in order), "answer": LETTERS[right]}
        )


class Quiz(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    month: str = Field(pattern=MONTH_ID)
    title: str
    questions: tuple[Question, ...] = Field(min_length=1)


def choice_order(month: str, seed: int, number: int, n: int) -> tuple[int, ...]:
    """The order in which question ``number`` of ``month``'s quiz shows its ``n`` choices.

    ``order[k]`` is the position in the file of the choice shown with letter ``k``. A
    Fisher–Yates shuffle: each of the ``n!`` orders comes out with the same probability. Its
    random numbers come from ``random.Random(str).random()``, the one pairing Python promises
    to keep producing the same sequence across versions (``shuffle`` and ``randrange`` are not
    promised): a seed printed today shows the same order after an upgrade. The month and the
    question number are in the seed, so each question gets its own order from one seed.
    """
    rng = random.Random(f"aieng quiz {month} seed {seed} question {number}")
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(rng.random() * (i + 1))  # uniform on 0..i (random() < 1, so never i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


def new_seed() -> int:
    """A seed for a fresh attempt; printed with it so the attempt can be shown again."""
    return secrets.randbelow(SEEDS)


@dataclass(frozen=True)
class Attempt:
    """One sitting of a quiz: its questions with their choices in the order ``seed`` gives.

    ``shown`` is what the learner sees and answers (letters included); ``orders[i]`` maps the
    shown letters of question ``i + 1`` back to the file's (empty for a numeric question).
    """

    quiz: Quiz  # as in the file: the canonical order
    seed: int
    shown: Quiz  # the same questions, choices shuffled
    orders: tuple[tuple[int, ...], ...]

    def canonical(self, number: int, given: str | float) -> str | float:
        """Question ``number``'s answer ``given`` (a shown letter, or a number) in the file's
        letters: what a stored result names, whatever the seed."""
        order = self.orders[number - 1]
        if not order or not isinstance(given, str):
            return given
        return LETTERS[order[LETTERS.index(given)]]


def attempt(quiz: Quiz, seed: int) -> Attempt:
    """Shuffle ``quiz``'s choices by ``seed`` (the same seed always gives the same attempt)."""
    if seed < 0:
        raise UsageError(f"seed {seed} is negative", hint="give a whole number ≥ 0: --seed 4821")
    orders = tuple(
        choice_order(quiz.month, seed, i, len(q.choices)) if q.choices else ()
        for i, q in enumerate(quiz.questions, 1)
    )
    questions = tuple(q.permuted(o) for q, o in zip(quiz.questions, orders, strict=True))
    shown = quiz.model_copy(update={"questions": questions})
    return Attempt(quiz, seed, shown, orders)


@dataclass(frozen=True)
class Marked:
    question: Question  # as shown in the attempt: its letters are the ones the learner saw
    given: str | float  # the learner's answer, a shown letter or a number
    right: bool
    canonical: str | float  # ``given`` in the file's letters: what to store


def available() -> list[str]:
    folder = exercises_dir() / "quizzes"
    return sorted(p.stem for p in folder.glob("m*.toml"))


def check_topics(quiz: Quiz, *, source: str) -> None:
    """Every topic a question names exists in the roadmap and is taught in the quiz's month."""
    from aieng.roadmap import load as load_roadmap

    topics = {t.id: t for t in load_roadmap().topics}
    problems: list[str] = []
    for i, question in enumerate(quiz.questions, 1):
        problems += topic_problems(f"question {i}", question.topics, month=quiz.month, known=topics)
    if problems:
        raise ConfigError(
            f"{source} is inconsistent: {'; '.join(problems)}",
            hint=f"tag questions with topic ids of month {quiz.month} "
            f"(`aieng roadmap show {quiz.month}` lists them).",
        )


def load_quiz(month: str) -> Quiz:
    key = normalize_id(month)
    months = available()
    if key not in months:
        raise unknown_name("quiz", month, months, list_command="aieng learn")
    path = exercises_dir() / "quizzes" / f"{key}.toml"
    hint = "see Quiz and Question in aieng/learn/quiz.py."
    data = tomlfile.loads(path.read_text(encoding="utf-8"), source=str(path), hint=hint)
    try:
        quiz = Quiz.model_validate(data)
    except ValidationError as exc:
        raise tomlfile.invalid(exc, source=str(path), hint=hint, model=Quiz) from exc
    check_topics(quiz, source=str(path))
    return quiz


def parse_answers(quiz: Quiz, text: str) -> dict[int, str | float]:
    """``"1=b,2=0.5"`` → ``{1: "b", 2: 0.5}``, every question answered once.

    The letters are read as they are: the caller passes the attempt's ``shown`` quiz, so they
    name the choices the learner saw (shuffling keeps the set of letters, so either parses).
    """
    answers: dict[int, str | float] = {}
    n = len(quiz.questions)
    for item in filter(None, (part.strip() for part in text.split(","))):
        number, sep, value = item.partition("=")
        if not sep or not number.strip().isdigit() or not 1 <= int(number) <= n:
            raise UsageError(
                f"cannot read {item!r} in --answers",
                hint=f"write NUMBER=ANSWER for questions 1 to {n}, comma-separated: 1=b,2=0.5",
            )
        answers[int(number)] = quiz.questions[int(number) - 1].parse(value)
    missing = [str(i) for i in range(1, n + 1) if i not in answers]
    if missing:
        raise UsageError(
            f"--answers has no answer for question(s) {', '.join(missing)}",
            hint=f"answer all {n} questions, e.g. {','.join(f'{i}=…' for i in range(1, n + 1))}",
        )
    return answers


def mark(attempt: Attempt, answers: dict[int, str | float]) -> list[Marked]:
    """Each answer (shown letters) against the shown question, with its canonical letter."""
    return [
        Marked(q, answers[i], q.is_right(answers[i]), attempt.canonical(i, answers[i]))
        for i, q in enumerate(attempt.shown.questions, 1)
    ]
