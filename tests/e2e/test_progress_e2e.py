"""Progress moves, through the real commands: a pass and a right quiz complete topics, nothing else.

The learner's path of issue #13: start an exercise, fail its check, pass it, answer its quiz
wrong and then right, and read `aieng progress`, `aieng roadmap show` and `aieng next` after
each step. The check is the real one (the sandboxed child, every case of the grader); the
answer is the package's reference in the learner's file, which CI proves passes its grader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aieng.learn.quiz import Quiz, attempt, load_quiz
from aieng.roadmap import load

EXERCISE = "m01.error-classes"  # teaches three topics; its reference is light (aieng.errors)
TAUGHT = ("m01.python-fundamentals", "prog.skills.oop", "prog.skills.error-handling")
ALSO = "m01.warmup-class"  # teaches prog.skills.oop too: with both passed, that topic can be done


def _teaching(topic: str) -> set[str]:
    """The exercises that list ``topic``: all must pass before it is done."""
    from aieng.learn import manifest

    return {e.id for e in manifest.load().exercises if topic in e.topics}


SEED = "7"  # the attempt `--seed 7` shows: the letters name its shuffled choices


def _answers(quiz: Quiz, *, right: bool) -> str:
    """``--answers`` for every question of the attempt ``--seed SEED``, all right or all wrong."""
    given: list[str] = []
    for q in attempt(quiz, int(SEED)).shown.questions:
        if q.choices:
            answer: object = q.answer if right else next(x for x in q.letters if x != q.answer)
        else:
            answer = float(q.answer) + (0 if right else 10 * q.tolerance + 1)
        given.append(f"{len(given) + 1}={answer}")
    return ",".join(given)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIENG_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path / "ws"


@pytest.mark.slow
def test_passing_and_answering_move_the_topics_and_next_follows(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    def progress() -> dict[str, Any]:
        code, out, _ = cli("progress", "--json")
        assert code == 0
        return dict(json.loads(out))

    def status(doc: dict[str, Any]) -> dict[str, str]:
        return {t: doc["topics"][t]["status"] for t in TAUGHT}

    assert progress()["overall"]["done"] == 0
    code, out, _ = cli("learn", "start", EXERCISE)
    assert code == 0
    started = progress()
    assert set(status(started).values()) == {"learning"}  # started: under way, not done

    code, out, _ = cli("check", EXERCISE)  # the untouched starter
    assert code == 1 and f"✗ {EXERCISE} failed" in out
    assert progress() == started  # a failed check moves nothing

    from aieng.learn import manifest

    for exercise_id in (EXERCISE, ALSO):
        exercise = manifest.load().get(exercise_id)
        if exercise_id != EXERCISE:
            assert cli("learn", "start", exercise_id)[0] == 0
        (ws / exercise.starter).write_text(
            "from aieng.learn.graders import reference_as_learner\n"
            f"{exercise.function} = reference_as_learner({exercise_id!r})\n"
        )
        code, out, _ = cli("check", exercise_id)
        assert code == 0 and f"✓ {exercise_id} passed" in out, out
    passed = progress()
    for topic in TAUGHT:  # the exercise counts for every topic it teaches...
        reqs = {r["item"]: r for r in passed["topics"][topic]["requirements"]}
        assert reqs[EXERCISE]["met"] is True and reqs[EXERCISE]["state"].startswith("passed on")
    # ...and each also has a quiz question, not answered yet: none is done.
    assert set(status(passed).values()) == {"learning"}

    quiz = load_quiz("m01")
    code, out, _ = cli("quiz", "m01", "--seed", SEED, "--answers", _answers(quiz, right=False))
    assert code == 0 and f"0/{len(quiz.questions)} right" in out
    wrong = progress()
    assert set(status(wrong).values()) == {"learning"}  # a quiz answered wrong completes none
    assert wrong["topics"]["m01.git"]["status"] == "learning"  # a quiz-only topic neither
    assert wrong["overall"]["done"] == 0
    fundamentals = {r["item"]: r for r in wrong["topics"][TAUGHT[0]]["requirements"]}
    (question,) = (r for r in fundamentals.values() if r["item"].startswith("quiz m01"))
    assert question["state"].startswith("answered wrong") and question["todo"] == "aieng quiz m01"

    code, out, _ = cli("quiz", "m01", "--seed", SEED, "--answers", _answers(quiz, right=True))
    assert code == 0
    right = progress()
    # The rule: a topic is done when every exercise that lists it passed and every question
    # tagged with it was answered right (all are now); otherwise it is under way, needing
    # exactly the exercises not passed yet.
    for topic in (*TAUGHT, "m01.git"):
        missing = _teaching(topic) - {EXERCISE, ALSO}
        assert right["topics"][topic]["status"] == ("learning" if missing else "done"), topic
        needed = {r["item"] for r in right["topics"][topic]["requirements"] if not r["met"]}
        assert needed == missing, topic
    assert right["topics"]["prog.skills.oop"]["status"] == "done"  # both its exercises passed
    m01 = right["months"]["m01"]
    assert m01["done"] > 0 and m01["done"] == m01["earned"]  # all by results, none by hand

    code, out, _ = cli("progress")  # the table shows the new count and percentage
    row = next(line for line in out.splitlines() if line.lstrip().startswith("m01 "))
    assert f"{m01['done']}/{m01['total']}" in row and f"{m01['percent']:.0f}%" in row
    assert f"{right['overall']['done']} topic(s) done ({right['overall']['done']} by your" in out
    row = next(line for line in out.splitlines() if "prog.skills.error-handling:" in line)
    assert "m01.atomic-write (not started)" in row and EXERCISE not in row

    code, out, _ = cli("roadmap", "show", "prog.skills.oop")
    assert code == 0 and "done — 3 of 3 done" in out  # two exercises and one question
    assert any(EXERCISE in line and "passed on" in line for line in out.splitlines())
    assert any(
        "quiz m01, question" in line and "answered right" in line for line in out.splitlines()
    )

    # `aieng next`: the first topic under way, in teaching order, and what it still needs.
    under_way = [t for t in load().topics if right["topics"][t.id]["status"] == "learning"]
    first = under_way[0]
    code, out, _ = cli("next")
    assert code == 0 and first.title in out.splitlines()[0] and first.id in out.splitlines()[0]
    todos = {r["todo"] for r in right["topics"][first.id]["requirements"] if not r["met"]}
    assert todos and all(todo in out for todo in todos)
    assert right["topics"][first.id]["reason"] in out

    code, out, _ = cli("progress", "mark", first.id, "done")  # the learner's word moves it on
    code, out, _ = cli("next")
    assert first.title not in out.splitlines()[0]
