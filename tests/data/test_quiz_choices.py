"""Every quiz tests knowledge, not test-taking: no choice gives itself away by its form.

A test-wise learner who knows nothing picks the longest option, because writers make the right
one complete and careful and the wrong ones short (before these tests, the right answer was the
longest in 51 of 54 multiple-choice questions). Shuffling hides the position, not the length.
So, for every quiz, including quizzes added later:

- the right answer is the longest option in at most a third of its multiple-choice questions
  (a quarter is chance with four options), and the shortest in at most a third (the reverse cue);
- it is never longer than every wrong option by a wide margin (a fifth), the cue no shuffling hides;
- the options of a question have similar lengths (the shortest at least half the longest) and
  are all different;
- no text names a choice by its letter or position ("b)", "all of the above"): the letters are
  shuffled per attempt.

Each rule is also run on a quiz that breaks it, so none can pass vacuously.
"""

from __future__ import annotations

import re

import pytest

from aieng.learn.quiz import Question, Quiz, available, load_quiz

QUIZZES = {month: load_quiz(month) for month in available()}
WIDE = 1.2  # "by a wide margin": more than a fifth longer than the longest wrong option
SIMILAR = 0.5  # the shortest option of a question is at least half as long as the longest


def _lengths(q: Question) -> tuple[int, list[int]]:
    right = q.letters.index(str(q.answer))
    return len(q.choices[right]), [len(c) for k, c in enumerate(q.choices) if k != right]


def longest_is_right(q: Question) -> bool:
    """The right answer is (one of) the longest options; options all of one length give no cue."""
    right, wrong = _lengths(q)
    return right >= max(wrong) and len({right, *wrong}) > 1


def shortest_is_right(q: Question) -> bool:
    right, wrong = _lengths(q)
    return right <= min(wrong) and len({right, *wrong}) > 1


def cues(quiz: Quiz) -> list[str]:
    """What gives the right answers away in ``quiz``, one sentence each; empty when nothing."""
    choice = [(i, q) for i, q in enumerate(quiz.questions, 1) if q.choices]
    problems = []
    for name, rule in (("longest", longest_is_right), ("shortest", shortest_is_right)):
        hits = [i for i, q in choice if rule(q)]
        if 3 * len(hits) > len(choice):
            problems.append(
                f"the right answer is the {name} option in {len(hits)} of {len(choice)} "
                f"questions (at most a third): questions {hits}"
            )
    for i, q in choice:
        right, wrong = _lengths(q)
        if right > WIDE * max(wrong):
            problems.append(
                f"question {i}: the right answer ({right} characters) is longer than every "
                f"wrong one by a wide margin (the longest has {max(wrong)})"
            )
        if min(right, *wrong) < SIMILAR * max(right, *wrong):
            problems.append(
                f"question {i}: options of {min(right, *wrong)} to {max(right, *wrong)} "
                "characters; write the short ones out, or the long ones shorter"
            )
        if len(set(q.choices)) < len(q.choices):
            problems.append(f"question {i}: two options are the same")
    return problems


# "b)", "(c)", "option d", "answer a above", "all of the above": names of a place in the list.
POSITIONAL = re.compile(
    r"(?:^|[.:;]\s)[a-h]\)\s|\([a-h]\)|\b(?:option|choice|answer)s? \(?[a-h]\b(?![-'’])|"
    r"\b(?:all|none|both) of the (?:above|options|choices)\b|\bthe (?:first|last) option\b",
    re.IGNORECASE,
)


def positional_references(quiz: Quiz) -> list[str]:
    found = []
    for i, q in enumerate(quiz.questions, 1):
        for text in (q.prompt, q.explanation, *q.choices):
            found += [f"question {i}: {m.group(0)!r}" for m in POSITIONAL.finditer(text)]
    return found


@pytest.mark.parametrize("quiz", QUIZZES.values(), ids=lambda q: q.month)
def test_no_choice_gives_itself_away_by_its_length(quiz: Quiz) -> None:
    assert not cues(quiz), f"exercises/quizzes/{quiz.month}.toml: " + "; ".join(cues(quiz))


@pytest.mark.parametrize("quiz", QUIZZES.values(), ids=lambda q: q.month)
def test_no_text_names_a_choice_by_its_shuffled_letter(quiz: Quiz) -> None:
    assert not positional_references(quiz), positional_references(quiz)


def _quiz(*questions: tuple[tuple[str, ...], str]) -> Quiz:
    return Quiz(
        month="m01",
        title="T",
        questions=tuple(
            Question(prompt="?", choices=choices, answer=answer, explanation=".")
            for choices, answer in questions
        ),
    )


FAIR = (("a tidy answer", "a wrong one 1", "a wrong one 2"), "a")  # all 13 characters
LONG = (("the right answer is long", "wrong one, shorter", "wrong, short too"), "a")
SHORT = (("right, short", "a wrong one, longer", "a wrong one, longer!"), "a")


def test_the_rules_catch_a_quiz_that_breaks_them() -> None:
    assert cues(_quiz(FAIR, FAIR, FAIR)) == []
    assert cues(_quiz(LONG, FAIR, FAIR)) == [
        "question 1: the right answer (24 characters) is longer than every wrong one by a "
        "wide margin (the longest has 18)"
    ]  # one in three is allowed as longest, not by a wide margin
    assert (
        "the right answer is the longest option in 2 of 3 questions"
        in cues(_quiz(LONG, LONG, FAIR))[0]
    )
    assert "the right answer is the shortest option in 2 of 3" in cues(_quiz(SHORT, SHORT, FAIR))[0]
    tied = (("same length", "same length", "same length"), "b")
    assert "question 1: two options are the same" in cues(_quiz(tied))
    spread = (("a right answer", "a much longer wrong answer", "no"), "a")
    assert cues(_quiz(spread, FAIR, FAIR)) == [
        "question 1: options of 2 to 26 characters; write the short ones out, or the long ones "
        "shorter"
    ]
    # The 51-of-54 quizzes these tests replaced: the right answer written out, the rest short.
    old = (("b", "git add clean.py, then git commit", "git push"), "b")
    assert len(cues(_quiz(old, old, old))) == 1 + 3 + 3


def test_the_positional_check_catches_letters_and_places() -> None:
    for text in ("b) is wrong", "as in (c)", "option d is wrong", "all of the above", "Answer a."):
        question = Question(prompt="?", choices=("x", "y"), answer="a", explanation=text)
        assert positional_references(Quiz(month="m01", title="T", questions=(question,)))
    plain = "s = (b − a) / max(a, b), a number between 0 and 1 (e.g. 0.6)"
    question = Question(prompt="?", choices=("x", "y"), answer="a", explanation=plain)
    assert not positional_references(Quiz(month="m01", title="T", questions=(question,)))
