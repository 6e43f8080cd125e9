"""No grader is vacuous: each passes the package's reference and fails its untouched starter.

Both go through the real path a learner's file takes (subprocess, limits, every case), so this
is also the proof that the reference named in exercises/info.toml solves the exercise.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for
from aieng.learn.manifest import Exercise

EXERCISES = manifest.load().exercises


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        yield {e.id: cases.prepare(e, *grader_for(e)) for e in EXERCISES}


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_reference_passes_its_grader(
    exercise: Exercise, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    if exercise.answer == "python":
        answer = tmp_path / "answer.py"
        answer.write_text(
            "from aieng.learn.graders import reference_as_learner\n"
            f"{exercise.function} = reference_as_learner({exercise.id!r})\n"
        )
    else:  # a script or a Dockerfile: the package's own file, under the starter's name
        answer = tmp_path / Path(exercise.starter).name
        shutil.copy(manifest.reference_file(exercise), answer)
    grader, grader_file = grader_for(exercise)
    verdict = grading.grade_file(
        exercise, grader, grader_file, answer, prepared=prepared[exercise.id]
    )
    assert verdict.passed, verdict.lines
    assert verdict.cases_total >= len(grader.fixed()) + min(grader.n_generated, 10)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_untouched_starter_fails_its_grader(
    exercise: Exercise, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    starter = tmp_path / Path(exercise.starter).name
    shutil.copy(manifest.starter_path(exercise), starter)
    assert "# TODO" in starter.read_text()
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), starter, prepared=prepared[exercise.id]
    )
    assert not verdict.passed
    assert verdict.check == f"{exercise.subject} is written"
    assert verdict.lines[0].startswith(f"{exercise.subject} is not written yet")
