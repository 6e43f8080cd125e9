"""Concept quizzes, one per month (``exercises/quizzes/mNN.toml``): what code cannot check.

A question is multiple choice (``choices``, answered by letter) or numeric (``answer`` a
number, right within ``tolerance``). Every question carries the explanation the learner sees
after answering, right or wrong, and may name the roadmap topics it tests (``topics``): those
topics list the quiz back in ``roadmap.toml`` (``quizzes = ["m01"]``), which counts them as
taught. Like an exercise's, a question's topics must exist and belong to the quiz's month.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aieng import tomlfile
from aieng.errors import ConfigError, UsageError, unknown_name
from aieng.learn.manifest import exercises_dir, topic_problems
from aieng.roadmap.model import MONTH_ID, normalize_id

LETTERS = "abcdefgh"


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
        if self.choices:
            return f"{self.answer}) {self.choices[self.letters.index(str(self.answer))]}"
        return f"{float(self.answer):g}"


class Quiz(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    month: str = Field(pattern=MONTH_ID)
    title: str
    questions: tuple[Question, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Marked:
    question: Question
    given: str | float
    right: bool


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
    """``"1=b,2=0.5"`` → ``{1: "b", 2: 0.5}``, every question answered once."""
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


def mark(quiz: Quiz, answers: dict[int, str | float]) -> list[Marked]:
    return [Marked(q, answers[i], q.is_right(answers[i])) for i, q in enumerate(quiz.questions, 1)]
