"""A topic taught by a quiz names it, and that quiz really asks about it — both ways.

Mirrors the exercises' rule (tests/code/test_learn.py): a topic's ``quizzes`` reference can
never be vacuous, and a question tagged with a topic is always reachable from that topic.
"""

from __future__ import annotations

import pytest

from aieng.learn.quiz import Quiz, available, load_quiz
from aieng.roadmap import Topic, load

QUIZZES = {month: load_quiz(month) for month in available()}


@pytest.mark.parametrize("topic", [t for t in load().topics if t.quizzes], ids=lambda t: t.id)
def test_every_quiz_a_topic_names_exists_and_asks_about_it(topic: Topic) -> None:
    for month in topic.quizzes:
        assert month in QUIZZES, f"{topic.id}: no quiz {month} (exercises/quizzes/{month}.toml)"
        tagged = [q for q in QUIZZES[month].questions if topic.id in q.topics]
        assert tagged, f"{topic.id}: quiz {month} has no question tagged with it"


@pytest.mark.parametrize("quiz", QUIZZES.values(), ids=lambda q: q.month)
def test_every_topic_a_quiz_question_tests_names_the_quiz_back(quiz: Quiz) -> None:
    topics = {t.id: t for t in load().topics}
    for i, question in enumerate(quiz.questions, 1):
        for topic in question.topics:  # load_quiz already refused unknown topics
            assert quiz.month in topics[topic].quizzes, (quiz.month, i, topic)


def test_the_quiz_only_topics_of_month_1_are_built_by_their_quiz() -> None:
    topics = {t.id: t for t in load().topics}
    for tid in (
        "m01.git",
        "m01.linux",
        "aie.responsibilities.business-problems",
        "aie.roles.data-scientists",
        "aie.roles.researchers",
        "aie.categories.artificial-intelligence",
        "aie.categories.machine-learning",
        "aie.categories.deep-learning",
        "aie.categories.nlp",
        "aie.categories.computer-vision",
    ):
        assert topics[tid].quizzes == ("m01",) and topics[tid].status == "built", tid
