"""Quiz questions name the roadmap topics they test; the roadmap shows the quiz teaching them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.errors import ConfigError
from aieng.learn import quiz
from aieng.roadmap.loader import parse

MINI = (Path(__file__).parents[1] / "data" / "roadmap_mini.toml").read_text()
QUIZ = """
month = "m01"
title = "T"
[[questions]]
prompt = "?"
choices = ["x", "y"]
answer = "a"
explanation = "because"
topics = ["m01.git"]
"""


@pytest.fixture
def exercises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An exercises folder of its own, with an empty manifest and a quizzes/ folder."""
    (tmp_path / "info.toml").write_text("")
    (tmp_path / "quizzes").mkdir()
    monkeypatch.setenv("AIENG_EXERCISES", str(tmp_path))
    return tmp_path / "quizzes"


def test_a_quiz_question_keeps_its_topics(exercises: Path) -> None:
    (exercises / "m01.toml").write_text(QUIZ)
    assert quiz.load_quiz("m1").questions[0].topics == ("m01.git",)
    (exercises / "m01.toml").write_text(QUIZ.replace('topics = ["m01.git"]\n', ""))
    assert quiz.load_quiz("m01").questions[0].topics == ()  # tags are optional


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        ('["m01.gti"]', r"m01\.toml is inconsistent: question 1: unknown roadmap topic 'm01\.gti'"),
        ('["m01.git", "m03.optimization"]', r"topic 'm03\.optimization' is taught in m03"),
        ('"m01.git"', r"'questions\.0\.topics': Input should be a valid tuple \(got 'm01\.git'\)"),
    ],
)
def test_a_quiz_topic_that_is_unknown_or_of_another_month_is_refused(
    exercises: Path, topics: str, message: str
) -> None:
    (exercises / "m01.toml").write_text(QUIZ.replace('["m01.git"]', topics))
    with pytest.raises(ConfigError, match=message) as info:
        quiz.load_quiz("m01")
    if "inconsistent" in message:
        assert "aieng roadmap show m01" in info.value.hint


def test_the_quiz_command_reports_a_bad_topic_without_a_traceback(cli, exercises: Path) -> None:  # type: ignore[no-untyped-def]
    (exercises / "m01.toml").write_text(QUIZ.replace('["m01.git"]', '["nope"]'))
    code, _, err = cli("quiz", "m01", "--answers", "1=a")
    assert code != 0 and "Traceback" not in err
    assert "Error: " in err and "question 1: unknown roadmap topic 'nope'" in err
    assert "Hint: tag questions with topic ids of month m01" in err


def test_a_topic_taught_by_a_quiz_is_built_and_quiz_ids_are_checked() -> None:
    rm = parse(MINI.replace('id = "data.c"\n', 'id = "data.c"\nquizzes = ["m02"]\n'))
    status = {t.id: t.status for t in rm.topics}
    assert status == {"data.a": "planned", "data.b-new": "planned", "data.c": "built"}
    bad_id = r"'topics\.2\.quizzes\.0': String should match pattern .* \(got 'month2'\)"
    with pytest.raises(ConfigError, match=bad_id):
        parse(MINI.replace('id = "data.c"\n', 'id = "data.c"\nquizzes = ["month2"]\n'))


def test_roadmap_show_tree_json_and_next_name_the_quiz(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("roadmap", "show", "m01.git")
    assert code == 0 and "quizzes" in out and "aieng quiz m01" in out and "built" in out
    code, out, _ = cli("roadmap", "show", "m01")
    row = next(line for line in out.splitlines() if "m01.git " in line)
    assert "m01.git-revert" in row and "planned" not in row  # its exercise first, then the quiz
    code, out, _ = cli("roadmap", "--plain", "--topics")
    row = next(line for line in out.splitlines() if " m01.linux " in line)
    assert row.endswith("(m01.top-5xx-clients, aieng quiz m01)")
    # a topic taught only by exercises lists them instead of reading "planned"
    row = next(line for line in out.splitlines() if " prog.skills.control-flow " in line)
    assert row.endswith("(m01.warmup-loops, m01.parse-numbers)")
    code, out, _ = cli("roadmap", "--json")
    git = next(t for t in json.loads(out)["topics"] if t["id"] == "m01.git")
    assert git["quizzes"] == ["m01"] and git["status"] == "built"

    code, out, _ = cli("progress", "mark", "m01.git", "learning")
    code, out, _ = cli("next")
    assert code == 0 and "Git and GitHub" in out.splitlines()[0]
    assert "quiz:  aieng quiz m01" in out and "does not teach" not in out
