"""When a topic is done: passes and quiz answers move it, a learner's mark wins, a reset resets.

The rule (aieng.roadmap.evidence) on a small roadmap and a real store, one clause per test:
the clause names the sentence of the module docstring it pins.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.roadmap.evidence import QuestionRef, Teaching, TopicProgress
from aieng.roadmap.loader import parse
from aieng.roadmap.progress import ProgressStore
from aieng.roadmap.summary import assess, next_topic, summarize

MINI = parse((Path(__file__).parents[1] / "data" / "roadmap_mini.toml").read_text())
Q1 = QuestionRef("m01:0123456789ab", "m01", 3, "Why?")
# data.a: one exercise; data.b-new: exercises of two months and a quiz question; data.c: nothing
TEACHING = Teaching(
    exercises={"data.a": ("m01.x",), "data.b-new": ("m01.x", "m02.y")},
    questions={"data.b-new": (Q1,)},
    revisions={"m01.x": 1, "m02.y": 1},
)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.db")


def _now(store: ProgressStore, teaching: Teaching = TEACHING) -> dict[str, TopicProgress]:
    return assess(MINI, store.read(), teaching)


def _states(p: TopicProgress) -> dict[str, tuple[bool, str]]:
    return {r.label: (r.met, r.state) for r in p.requirements}


def test_a_pass_moves_every_topic_its_exercise_teaches(store: ProgressStore) -> None:
    before = _now(store)
    assert {k: p.status for k, p in before.items()} == {
        "data.a": "pending",
        "data.b-new": "pending",
        "data.c": "pending",
    }
    store.record_pass("m01.x", 1)
    now = _now(store)
    assert (now["data.a"].status, now["data.a"].source) == ("done", "results")
    assert now["data.a"].reason == "1 of 1 done"
    b = now["data.b-new"]  # one of its three: under way, and it says what is missing
    assert b.status == "learning" and b.reason == "1 of 3 done"
    assert b.needs == "m02.y (not started), quiz m01, question 3 (not answered)"
    assert [r.todo for r in b.missing] == ["aieng learn start m02.y", "aieng quiz m01"]
    s = summarize(MINI, now)
    assert (s.overall.done, s.overall.earned, s.overall.learning) == (1, 1, 1)
    assert s.months["m01"].percent == pytest.approx(50.0)  # the percentage moved from 0


def test_a_topic_needs_every_exercise_of_every_month_and_its_questions_latest_answer(
    store: ProgressStore,
) -> None:
    store.record_pass("m01.x", 1)
    store.record_pass("m02.y", 1)
    assert _now(store)["data.b-new"].status == "learning"  # the question is not answered
    store.record_answers([(Q1.key, False)])
    b = _now(store)["data.b-new"]
    assert b.status == "learning"  # a wrong answer does not complete it
    assert _states(b)["quiz m01, question 3"][0] is False
    assert _states(b)["quiz m01, question 3"][1].startswith("answered wrong on ")
    store.record_answers([(Q1.key, True)])
    assert _now(store)["data.b-new"].status == "done"
    store.record_answers([(Q1.key, False)])  # the latest answer is what the learner knows now
    assert _now(store)["data.b-new"].status == "learning"


def test_a_question_answered_wrong_is_under_way_not_done(store: ProgressStore) -> None:
    store.record_answers([(Q1.key, False)])
    b = _now(store)["data.b-new"]
    assert (b.status, b.met) == ("learning", 0)


def test_a_topic_nothing_checks_moves_only_by_hand(store: ProgressStore) -> None:
    store.record_pass("m01.x", 1)
    store.record_pass("m02.y", 1)
    c = _now(store)["data.c"]
    assert (c.status, c.source, c.requirements) == ("pending", "none", ())
    assert c.reason == "nothing in aieng checks it yet: mark it when you know it"
    store.mark(["data.c"], "done")
    c = _now(store)["data.c"]
    assert (c.status, c.source) == ("done", "marked")
    assert c.reason.startswith("marked done by you on ") and "nothing in aieng checks" in c.reason


def test_a_mark_of_done_or_skipped_wins_over_the_results(store: ProgressStore) -> None:
    store.mark(["data.b"], "done")  # under the topic's old id: an alias counts
    store.mark(["data.a"], "skipped")
    store.record_pass("m01.x", 1)  # a later pass does not overturn the learner's word
    store.record_answers([(Q1.key, False)])
    now = _now(store)
    assert (now["data.b-new"].status, now["data.b-new"].source) == ("done", "marked")
    assert (now["data.a"].status, now["data.a"].source) == ("skipped", "marked")
    s = summarize(MINI, now).overall
    assert (s.done, s.earned, s.skipped) == (1, 0, 1)


def test_pending_resets_a_topic_and_passing_again_completes_it(store: ProgressStore) -> None:
    store.record_pass("m01.x", 1)
    assert _now(store)["data.a"].status == "done"
    store.mark(["data.a"], "pending")  # start the topic over
    a = _now(store)["data.a"]
    assert (a.status, a.source) == ("pending", "marked")
    assert "before your mark of the topic: pass it again" in _states(a)["m01.x"][1]
    assert _now(store)["data.b-new"].status == "learning"  # the pass still counts elsewhere
    store.record_pass("m01.x", 1)  # passing again after the reset
    a = _now(store)["data.a"]
    assert (a.status, a.source) == ("done", "results")
    assert a.reason == f"marked pending by you on {a.mark.updated_at[:10]}; 1 of 1 done since"  # type: ignore[union-attr]


def test_learning_is_a_reset_too_and_results_after_it_count(store: ProgressStore) -> None:
    store.record_pass("m01.x", 1)
    store.mark(["data.a"], "learning")
    assert _now(store)["data.a"].status == "learning"
    store.record_pass("m01.x", 1)
    assert _now(store)["data.a"].status == "done"


def test_a_pass_of_an_older_revision_does_not_count_until_checked_again(
    store: ProgressStore,
) -> None:
    store.record_pass("m01.x", 1)
    changed = Teaching(TEACHING.exercises, TEACHING.questions, {"m01.x": 2, "m02.y": 1})
    a = _now(store, changed)["data.a"]
    assert a.status == "learning"  # under way: it was passed, but not this version
    met, state = _states(a)["m01.x"]
    assert not met and "passed revision 1 on " in state
    assert "it has changed since (revision 2): check it again" in state
    assert a.missing[0].todo == "aieng check m01.x"
    store.record_pass("m01.x", 2)
    assert _now(store, changed)["data.a"].status == "done"


def test_an_exercise_marked_done_by_hand_is_not_a_pass(store: ProgressStore) -> None:
    store.mark(["m01.x"], "done")
    a = _now(store)["data.a"]
    assert a.status == "learning" and _states(a)["m01.x"] == (
        False,
        "marked done by hand, not passed",
    )
    assert a.missing[0].todo == "aieng check m01.x"


@pytest.mark.parametrize(
    ("again", "status"), [("pending", "pending"), ("skipped", "pending"), ("learning", "learning")]
)
def test_marking_an_exercise_again_after_its_pass_withdraws_the_pass(
    store: ProgressStore, again: str, status: str
) -> None:
    store.record_pass("m01.x", 1)
    store.mark(["m01.x"], again)  # type: ignore[arg-type]
    a = _now(store)["data.a"]
    assert a.status == status
    assert _states(a)["m01.x"][1].startswith(f"marked {again} by you after its pass on ")
    store.record_pass("m01.x", 1)
    assert _now(store)["data.a"].status == "done"


def test_a_started_exercise_puts_its_topics_under_way(store: ProgressStore) -> None:
    store.mark(["m02.y"], "learning")  # what `aieng learn start m02.y` writes
    b = _now(store)["data.b-new"]
    assert b.status == "learning" and _states(b)["m02.y"] == (False, "started, not passed yet")
    assert _now(store)["data.a"].status == "pending"  # m02.y does not teach data.a


def test_next_follows_the_results(store: ProgressStore) -> None:
    assert next_topic(MINI, _now(store)).id == "data.a"  # type: ignore[union-attr]
    store.record_pass("m01.x", 1)  # data.a done, data.b-new under way: finish it first
    assert next_topic(MINI, _now(store)).id == "data.b-new"  # type: ignore[union-attr]
    store.record_pass("m02.y", 1)
    store.record_answers([(Q1.key, True)])
    assert next_topic(MINI, _now(store)).id == "data.c"  # type: ignore[union-attr]
    store.mark(["data.c"], "skipped")
    assert next_topic(MINI, _now(store)) is None


def test_the_why_is_in_the_json(store: ProgressStore) -> None:
    store.record_pass("m01.x", 1)
    doc = _now(store)["data.b-new"].to_json()
    assert doc["status"] == "learning" and doc["source"] == "results"
    assert doc["requirements"][0]["item"] == "m01.x" and doc["requirements"][0]["met"] is True
    assert doc["requirements"][2] == {
        "item": "quiz m01, question 3",
        "met": False,
        "state": "not answered",
        "todo": "aieng quiz m01",
    }


def test_the_real_curriculum_agrees_with_the_exercise_files() -> None:
    """A topic's requirements are the exercises that list it and the questions tagged with it;
    the roadmap names the same exercises and quizzes back (what `aieng next` shows)."""
    from aieng.learn.teaching import teaching
    from aieng.roadmap import load

    rm = load()
    t = teaching(rm)
    for topic in rm.topics:
        assert t.exercises.get(topic.id, ()) == topic.exercises, topic.id
        quizzes = {q.quiz for q in t.questions.get(topic.id, ())}
        assert quizzes == set(topic.quizzes), topic.id
    questions = {(q.quiz, q.number): q.key for refs in t.questions.values() for q in refs}
    assert len(set(questions.values())) == len(questions)  # no two questions share a key


def test_a_question_is_its_prompt_whatever_its_wrapping() -> None:
    from aieng.learn.quiz import Question
    from aieng.learn.teaching import question_key

    q = Question(
        prompt="Why split\n  before scaling?", choices=("a", "b"), answer="a", explanation=""
    )
    same = Question(
        prompt="Why split before scaling?", choices=("b", "a"), answer="b", explanation=""
    )
    edited = Question(
        prompt="Why split after scaling?", choices=("a", "b"), answer="a", explanation=""
    )
    assert question_key("m04", q) == question_key("m04", same)
    assert question_key("m04", q) != question_key("m04", edited)
    assert question_key("m04", q) != question_key("m05", q)
    assert question_key("m04", q).startswith("m04:") and len(question_key("m04", q)) == 16


def test_a_question_keeps_its_key_whatever_the_order_an_attempt_shows_its_choices() -> None:
    from aieng.learn.quiz import attempt, available, load_quiz
    from aieng.learn.teaching import question_key

    for month in available():
        quiz = load_quiz(month)
        for seed in (0, 7, 4821):
            shown = attempt(quiz, seed).shown.questions
            assert [question_key(month, q) for q in shown] == [
                question_key(month, q) for q in quiz.questions
            ]


def test_the_screens_say_why_a_topic_is_done_and_what_is_missing(cli) -> None:  # type: ignore[no-untyped-def]
    from aieng.settings import get_settings

    store = ProgressStore(get_settings().progress_db)
    from aieng.learn import manifest

    revision = manifest.load().get("m01.error-classes").revision
    store.record_pass("m01.error-classes", revision)  # what a passing `aieng check` records
    store.mark(["m01.git"], "done")

    code, out, _ = cli("progress")
    assert code == 0
    assert "1 topic(s) done (0 by your exercises and quizzes, 1 marked by you), 3 under way" in out
    row = next(line for line in out.splitlines() if "prog.skills.error-handling:" in line)
    # every exercise and tagged question of the topic counts; the passed one is not "needed"
    assert row.lstrip().startswith("◐ prog.skills.error-handling: 1 of ")
    assert "m01.atomic-write (not started)" in row and "m01.error-classes" not in row

    code, out, _ = cli("progress", "--topics")
    lines = out.splitlines()
    assert "  ✓ m01.git: marked done by you on " in "\n".join(lines)
    row = next(line for line in lines if line.startswith("  · prog.skills.control-flow: 0 of "))
    assert "m01.parse-numbers (not started)" in row
    # a topic nothing checks (month 7 teaches PyTorch, not TensorFlow) says so, and how it moves
    assert (
        "  · dl.frameworks.tensorflow: nothing in aieng checks it yet: mark it when you know it"
        in lines
    )

    code, out, _ = cli("roadmap", "show", "prog.skills.oop")
    assert "progress  learning — 1 of " in out
    row = next(line for line in out.splitlines() if "m01.error-classes" in line and "✓" in line)
    assert "passed on" in row
    row = next(line for line in out.splitlines() if "quiz m01, question" in line)
    assert "not answered" in row and "aieng quiz m01" in row

    code, out, _ = cli("roadmap", "show", "m01.git")
    assert "Your mark wins over these; `aieng progress mark m01.git pending` starts" in out

    code, out, _ = cli("roadmap", "--plain", "--topics")
    assert any(line.strip().startswith("[x] m01.git ") for line in out.splitlines())
    assert any(line.strip().startswith("[~] prog.skills.oop ") for line in out.splitlines())

    code, out, _ = cli("progress", "--json")
    oop = json.loads(out)["topics"]["prog.skills.oop"]
    from aieng.learn import quiz

    teaching = [e for e in manifest.load().exercises if "prog.skills.oop" in e.topics]
    asked = [q for q in quiz.load_quiz("m01").questions if "prog.skills.oop" in q.topics]
    expected = f"1 of {len(teaching) + len(asked)} done"  # every exercise and tagged question
    assert (oop["status"], oop["source"], oop["reason"]) == ("learning", "results", expected)


def test_a_quiz_score_from_before_answers_were_kept_asks_for_a_retake(cli) -> None:  # type: ignore[no-untyped-def]
    from aieng.learn.state import LearnState
    from aieng.settings import get_settings

    LearnState().record_quiz("m01", 11, 11)  # a perfect score, kept as a score only
    LearnState().record_quiz("m03", 4, 7)
    code, out, _ = cli("progress")
    assert code == 0
    assert "Your best scores of quiz m01, m03 were kept before each answer was, so they" in out
    assert "take them again (`aieng quiz m01`, a few minutes)." in out
    ProgressStore(get_settings().progress_db).record_answers([("m01:0123456789ab", True)])
    code, out, _ = cli("progress")
    assert code == 0 and "Your best scores of quiz m03 were kept" in out and "take it again" in out
