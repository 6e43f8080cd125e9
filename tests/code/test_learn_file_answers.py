"""Answers that are not Python: a script or a Dockerfile goes to the harness, never imported.

The manifest says what the learner writes (``answer``); the sandboxed child then passes the file's
path to the harness, which runs or reads it itself. These tests pin that machinery with a harness
from the standard library (``os.path.getsize``: what the child hands over is the file itself),
so they need neither bash nor git.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from aieng.errors import ConfigError
from aieng.learn import cases, grading, manifest, session
from aieng.learn.grader import Case, Grader, Output
from aieng.learn.harnesses import Refused
from aieng.learn.sandbox import RunOutcome

_BASH = """
[[exercises]]
id = "m01.x"
month = "m01"
title = "X"
topics = ["m01.linux"]
starter = "m01_tools/ex1_x.sh"
answer = "bash"
reference = "aieng/learn/references/x.sh"
docs = "docs/learn.md"
[exercises.hints]
failure = "a"
concept = "b"
read = "c"
"""


def _exercise(raw: str = _BASH) -> manifest.Exercise:
    return manifest.parse(raw).exercises[0]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('answer = "bash"', 'answer = "bash"\nfunction = "f"'), r"has no function"),
        (('starter = "m01_tools/ex1_x.sh"', 'starter = "m01_tools/ex1_x.py"'), r"is a \.sh file"),
        (('answer = "bash"', 'answer = "dockerfile"'), r"is a \.Dockerfile file"),
        (
            ('reference = "aieng/learn/references/x.sh"', 'reference = "aieng.learn.x"'),
            r"a bash answer's is a file under src/",
        ),
        (
            ('ex1_x.sh"\nanswer = "bash"', 'ex1_x.py"\nanswer = "python"'),
            r"names the function",
        ),
        (('answer = "bash"', 'answer = "perl"'), r"answer"),
    ],
)
def test_the_kind_of_answer_decides_the_starter_the_function_and_the_reference(
    edit: tuple[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        manifest.parse(_BASH.replace(*edit, 1))
    exercise = _exercise()
    assert exercise.subject == "your script" and exercise.function is None
    assert manifest.reference_file(exercise).parts[-4:] == ("aieng", "learn", "references", "x.sh")


def test_a_python_exercise_still_needs_its_function_and_a_dotted_reference() -> None:
    python = (
        _BASH.replace('answer = "bash"', 'function = "f"')
        .replace("ex1_x.sh", "ex1_x.py")
        .replace('"aieng/learn/references/x.sh"', '"aieng.scratch.sigmoid"')
    )
    assert _exercise(python).subject == "f()"
    with pytest.raises(ValueError, match="not a file"):
        manifest.reference_file(_exercise(python))


def _grade(tmp_path: Path, text: str, expected: int) -> grading.Verdict:
    """Grade ``text`` as a bash answer whose harness reports the size of the file it is given."""
    path = tmp_path / "ex1_x.sh"
    path.write_text(text)
    grader = Grader(
        params=(),
        outputs=(Output("size", "json"),),
        fixed=lambda: [Case("the file itself", ())],
        harness=os.path.getsize,
    )
    prepared = [(Case("the file itself", ()), expected)]
    return grading.grade_file(_exercise(), grader, Path(__file__), path, prepared=prepared)


def test_the_harness_gets_the_file_which_is_never_imported(tmp_path: Path) -> None:
    text = "for x in\n  echo 'not Python at all'\n"  # a SyntaxError, were it imported
    assert _grade(tmp_path, text, len(text)).passed
    verdict = _grade(tmp_path, text, len(text) + 1)
    assert not verdict.passed and verdict.check == "size matches the reference"


def test_a_file_of_comments_only_is_the_untouched_starter(tmp_path: Path) -> None:
    verdict = _grade(tmp_path, "#!/usr/bin/env bash\n# TODO: revert it\n\n   # indented\n", 0)
    assert not verdict.passed
    assert verdict.check == "your script is written"
    assert verdict.lines[0].startswith("your script is not written yet: ex1_x.sh holds only")


def test_a_harness_that_refuses_the_reference_says_the_grader_cannot_run(tmp_path: Path) -> None:
    def no_tool(path: Path) -> Any:
        raise Refused("hadolint is installed", ["no hadolint in the venv: make setup"])

    grader = Grader(
        params=(), outputs=(Output("x", "json"),), fixed=lambda: [Case("c", ())], harness=no_tool
    )
    with pytest.raises(ConfigError, match=r"cannot run on c: hadolint is installed") as info:
        cases.prepare(_exercise(), grader, Path(__file__))
    assert "make setup" in info.value.hint


def test_the_solution_of_a_file_answer_is_the_packages_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "x.sh"
    reference.write_text('git revert --no-edit "$1"\n')
    monkeypatch.setattr(manifest, "reference_file", lambda exercise: reference)
    shown = session.solution(_exercise(), reveal=True)
    assert shown.source == reference.read_text() and shown.line == 1 and shown.revealed


def test_a_run_that_reports_fewer_cases_than_were_sent_never_passes(tmp_path: Path) -> None:
    class Silent:  # a child that said "ran" and sent back nothing: a bug, never a ✓
        def run(self, *args: Any, **kwargs: Any) -> RunOutcome:
            return RunOutcome("ran", results=[])

        def close(self) -> None: ...

    grader = Grader(params=(), outputs=(Output("x", "json"),), fixed=lambda: [Case("c", ())])
    path = tmp_path / "ex1_x.sh"
    path.write_text("echo hi\n")
    verdict = grading.grade_file(
        _exercise(),
        grader,
        Path(__file__),
        path,
        prepared=[(Case("c", ()), 1)],
        sandbox=Silent(),  # type: ignore[arg-type]
    )
    assert not verdict.passed and verdict.check == "runs to the end"
    assert verdict.lines == ("the sandbox ran 0 of 1 cases (ran)",)
