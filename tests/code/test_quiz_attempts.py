"""A quiz attempt shuffles its choices by a seed: reproducible, fair, marked in the file's terms.

Where the right answer sits must tell the learner nothing, so every attempt shows the choices of
each question in an order drawn from its seed; the seed is printed, so the same order can be
shown again (a retake, a script answering by letter). These tests pin the three properties that
make that trustworthy: the same seed gives the same order (today and after a Python upgrade),
every order is reachable and equally likely, and an answer given in the shown letters is marked
and stored as the same answer in the file's letters.
"""

from __future__ import annotations

import collections
import itertools
import math
import random
import re
from collections.abc import Callable

import pytest

from aieng.errors import UsageError
from aieng.learn import quiz
from aieng.learn.quiz import Attempt, Question, Quiz, attempt, available, choice_order, load_quiz

QUIZZES = {month: load_quiz(month) for month in available()}
Shuffle = Callable[[int, int], tuple[int, ...]]  # (seed, number of choices) -> order


def test_a_seed_always_shows_the_same_order() -> None:
    for q in QUIZZES.values():
        assert attempt(q, 4821) == attempt(q, 4821)
    # Pinned values: they change only if Python's random() sequence for a string seed changes,
    # which Python promises it will not. A printed seed must show the same order next year.
    assert choice_order("m01", 0, 1, 4) == (2, 1, 0, 3)
    assert choice_order("m01", 0, 2, 4) == (1, 2, 0, 3)
    assert choice_order("m10", 4821, 3, 4) == (3, 0, 1, 2)


def test_seeds_questions_and_months_each_change_the_order() -> None:
    seeds = {choice_order("m04", seed, 1, 4) for seed in range(20)}
    questions = {choice_order("m04", 7, number, 4) for number in range(1, 21)}
    months = {choice_order(month, 7, 1, 4) for month in ("m01", "m02", "m03", "m04", "m05", "m06")}
    assert len(seeds) > 10 and len(questions) > 10 and len(months) > 3


def _chi_square(shuffle: Shuffle, n: int, per_order: int) -> tuple[float, int]:
    """Pearson's χ² of the orders ``shuffle`` gives over ``n! · per_order`` seeds against the
    uniform distribution, and how many distinct orders came out."""
    orders = math.factorial(n)
    counts = collections.Counter(shuffle(seed, n) for seed in range(orders * per_order))
    missing = orders - len(counts)
    stat = sum((c - per_order) ** 2 / per_order for c in counts.values()) + missing * per_order
    return stat, len(counts)


def _aieng(seed: int, n: int) -> tuple[int, ...]:
    return choice_order("m99", seed, 1, n)


def _naive(seed: int, n: int) -> tuple[int, ...]:
    """The classic biased shuffle: swap each position with *any* position (n^n equally likely
    paths onto n! orders, which n^n is not a multiple of for n ≥ 3)."""
    rng, order = random.Random(f"naive {seed}"), list(range(n))
    for i in range(n):
        j = int(rng.random() * n)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


# χ² critical values at p = 0.001 for n! − 1 degrees of freedom (scipy.stats.chi2.ppf(0.999, df)):
# a fair shuffle stays below them, here deterministically since the seeds are fixed.
CRITICAL = {2: 10.83, 3: 20.52, 4: 49.73, 5: 172.42}


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_every_order_is_reachable_and_equally_likely(n: int) -> None:
    stat, seen = _chi_square(_aieng, n, per_order=100)
    assert seen == math.factorial(n), f"only {seen} of {math.factorial(n)} orders of {n} choices"
    assert stat < CRITICAL[n], f"χ² {stat:.1f} ≥ {CRITICAL[n]}: the shuffle is biased"


@pytest.mark.parametrize("n", [3, 4])
def test_the_uniformity_check_catches_a_biased_shuffle(n: int) -> None:
    stat, _ = _chi_square(_naive, n, per_order=500)  # its bias: 4/27 against 5/27 for n = 3
    assert stat > CRITICAL[n]


def _check_mapping(taken: Attempt) -> None:
    """Each shown letter names, in the file, the very choice that was shown with it."""
    for number, (file_q, shown_q) in enumerate(
        zip(taken.quiz.questions, taken.shown.questions, strict=True), 1
    ):
        if not file_q.choices:
            assert shown_q == file_q and taken.orders[number - 1] == ()
            assert taken.canonical(number, 0.5) == 0.5  # a number is its own canonical form
            continue
        assert sorted(shown_q.choices) == sorted(file_q.choices)  # the same choices, none lost
        back = {letter: taken.canonical(number, letter) for letter in shown_q.letters}
        for k, letter in enumerate(shown_q.letters):
            assert file_q.choices[file_q.letters.index(str(back[letter]))] == shown_q.choices[k]
            assert shown_q.is_right(letter) == (back[letter] == file_q.answer)
        assert sorted(map(str, back.values())) == list(file_q.letters)  # one to one


def test_a_shown_letter_maps_back_to_the_files_letter_for_every_quiz() -> None:
    for q in QUIZZES.values():
        for seed in range(0, 500, 7):
            taken = attempt(q, seed)
            answers = {
                i: (x.answer if x.choices else float(x.answer))
                for i, x in enumerate(taken.shown.questions, 1)
            }
            marked = quiz.mark(taken, answers)
            assert all(m.right for m in marked)
            assert [m.canonical for m in marked] == [
                x.answer if x.choices else float(x.answer) for x in q.questions
            ]
            _check_mapping(taken)


def test_a_wrong_letter_is_marked_wrong() -> None:
    q = QUIZZES["m03"]
    for seed in range(12):
        taken = attempt(q, seed)
        first = taken.shown.questions[0]
        answers = {
            i: (x.answer if x.choices else float(x.answer))
            for i, x in enumerate(taken.shown.questions, 1)
        }
        for wrong in (letter for letter in first.letters if letter != first.answer):
            marked = quiz.mark(taken, {**answers, 1: wrong})
            assert not marked[0].right and marked[0].canonical != q.questions[0].answer
            assert [m.right for m in marked[1:]] == [True] * (len(marked) - 1)
        # The file's right letter, typed blindly, is right only where the shuffle left it.
        blind = quiz.mark(taken, {**answers, 1: q.questions[0].answer})
        assert blind[0].right == (first.answer == q.questions[0].answer)


def test_a_negative_seed_or_a_broken_order_is_refused() -> None:
    with pytest.raises(UsageError, match=r"seed -1 is negative"):
        attempt(QUIZZES["m03"], -1)
    question = Question(prompt="?", choices=("x", "y", "z"), answer="a", explanation="")
    with pytest.raises(ValueError, match=r"\(0, 0, 1\) is not an order of 3 choices"):
        question.permuted((0, 0, 1))
    assert question.permuted((2, 0, 1)).answer == "b"  # "x", shown second


# ── the command ───────────────────────────────────────────────────────────────────────────────


def _right_answers(taken: Attempt) -> list[str]:
    return [
        f"{i}={x.answer if x.choices else float(x.answer)}"
        for i, x in enumerate(taken.shown.questions, 1)
    ]


def test_the_command_marks_the_shown_letters_and_names_the_right_one(cli) -> None:  # type: ignore[no-untyped-def]
    q = QUIZZES["m03"]
    taken = attempt(q, 4821)
    first = taken.shown.questions[0]
    wrong = next(letter for letter in first.letters if letter != first.answer)
    answers = [f"1={wrong}", *_right_answers(taken)[1:]]
    code, out, _ = cli("quiz", "m03", "--seed", "4821", "--answers", ",".join(answers))
    n = len(q.questions)
    assert code == 0 and f"{n - 1}/{n} right" in out and "seed 4821" in out
    assert f"✗ 1. you answered {first.text_of(wrong)}; the answer is {first.correct_text}" in out
    right = ",".join(_right_answers(taken))
    code, out, _ = cli("quiz", "m03", "--seed", "4821", "--answers", right)
    assert code == 0 and f"{n}/{n} right (your best: {n}/{n}; seed 4821)" in out


def test_answers_without_a_seed_are_refused_with_the_way_to_get_one(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("quiz", "m04", "--answers", "1=b")
    assert code == 2 and "Traceback" not in err
    assert "Error: --answers 1=b came without --seed: the choices are shuffled per attempt" in err
    assert "Hint: print an attempt with `aieng quiz m04 --seed 1 --show`" in err
    code, _, err = cli("quiz", "m04", "--seed", "3", "--show", "--answers", "1=b")
    assert code == 2 and "--show and --answers do not go together" in err
    assert "`aieng quiz m04 --seed 3 --answers 1=…,2=…`" in err
    code, _, err = cli("quiz", "m04", "--seed", "-1", "--show")
    assert code == 2 and "--seed" in err


def _shown_choices(out: str) -> list[list[str]]:
    """The choices as the command printed them, question by question."""
    questions: list[list[str]] = []
    for line in out.splitlines():
        if re.match(r"^\d+\. ", line):
            questions.append([])
        elif m := re.match(r"^   ([a-h])\) (.*)$", line):
            assert m.group(1) == "abcdefgh"[len(questions[-1])]
            questions[-1].append(m.group(2))
    return questions


def test_show_prints_the_attempt_that_answers_are_marked_against(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("quiz", "m05", "--seed", "77", "--show")
    taken = attempt(QUIZZES["m05"], 77)
    assert code == 0 and _shown_choices(out) == [list(x.choices) for x in taken.shown.questions]
    assert "Answer with `aieng quiz m05 --seed 77 --answers 1=…,2=…`." in out
    assert "right" not in out  # nothing is marked, nothing recorded
    code, out, _ = cli("learn")
    assert "quiz: aieng quiz m05 (best" not in out


def test_an_attempt_without_a_seed_prints_one_that_shows_it_again(cli) -> None:  # type: ignore[no-untyped-def]
    q = QUIZZES["m02"]
    typed = ["a" if x.choices else "0" for x in q.questions]
    code, out, _ = cli("quiz", "m02", input="\n".join(typed) + "\n")
    seed = int(re.search(r"\(\d+ questions · seed (\d+)\)", out).group(1))  # type: ignore[union-attr]
    assert f"`aieng quiz m02 --seed {seed}` shows them in this order again" in out
    taken = attempt(q, seed)
    assert _shown_choices(out) == [list(x.choices) for x in taken.shown.questions]
    right = sum(x.answer == "a" for x in taken.shown.questions if x.choices)
    assert code == 0 and f"{right}/{len(q.questions)} right" in out and f"seed {seed})." in out


def test_the_same_seed_shows_every_quiz_in_the_same_order_twice(cli) -> None:  # type: ignore[no-untyped-def]
    for month in QUIZZES:
        first = cli("quiz", month, "--seed", "5", "--show")[1]
        assert first == cli("quiz", month, "--seed", "5", "--show")[1]
        assert first != cli("quiz", month, "--seed", "6", "--show")[1]


def test_an_order_depends_on_nothing_but_its_seed() -> None:
    # No hidden state: the order depends on (month, seed, question, n) and nothing else, so
    # interleaving attempts of other quizzes changes nothing.
    before = [choice_order("m06", s, 2, 4) for s in range(30)]
    for month, s in itertools.product(QUIZZES, range(5)):
        attempt(QUIZZES[month], s)
    assert before == [choice_order("m06", s, 2, 4) for s in range(30)]


def test_a_quiz_built_in_code_is_shuffled_too() -> None:
    q = Quiz(
        month="m01",
        title="T",
        questions=(
            Question(prompt="?", choices=("x", "y", "z", "w"), answer="c", explanation="."),
            Question(prompt="n?", answer=2.0, tolerance=0.1, explanation="."),
        ),
    )
    shown = {attempt(q, s).shown.questions[0].answer for s in range(40)}
    assert shown == set("abcd")  # the right choice lands on every letter
