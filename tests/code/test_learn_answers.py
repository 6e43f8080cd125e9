"""Every exercise against answers a learner would write: the right ones pass, the wrong ones fail.

The answers live in tests/learn_answers/<exercise id>/ (its README says how they are written).
A wrong answer that passes its grader is the worst bug learn mode can have: the learner trusts
the ✓. So every exercise has at least five known-wrong answers, each breaking one property its
docstring states, and at least one right answer written differently from the reference.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for
from aieng.learn.manifest import Exercise

ANSWERS = Path(__file__).resolve().parents[1] / "learn_answers"
MIN_WRONG = 5
MIN_RIGHT = 1

EXERCISES = {e.id: e for e in manifest.load().exercises}


def _answers(kind: str) -> list[tuple[str, Path]]:
    """(exercise id, file) for every answer of ``kind`` ("right" or "wrong"), sorted."""
    pattern = "right*" if kind == "right" else "wrong_*"
    return [
        (folder.name, path)
        for folder in sorted(p for p in ANSWERS.iterdir() if p.is_dir())
        for path in sorted(folder.glob(pattern))
    ]


def _header(path: Path) -> dict[str, str]:
    """The ``# key: value`` comments at the top of an answer file.

    A comment indented under a key (``#   more words``) continues its value, so a long
    ``# mistake:`` may wrap; any other comment is prose and ends the header.
    """
    found: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        keyed = re.match(r"^#\s?(mistake|fails|on|right):\s*(.+)$", line)
        wrapped = re.match(r"^#\s{2,}(\S.*)$", line)
        if keyed:
            key = keyed.group(1)
            found[key] = keyed.group(2).strip()
        elif wrapped and key is not None:
            found[key] += " " + wrapped.group(1).strip()
        else:
            break
    return found


def _ident(item: tuple[str, Path]) -> str:
    return f"{item[0]}/{item[1].name}"


@pytest.fixture(scope="module")
def prepared() -> Iterator[Callable[[str], cases.Prepared]]:
    """An exercise's cases, prepared on first use and kept for the module (from the reference)."""
    cache: dict[str, cases.Prepared] = {}

    def get(exercise_id: str) -> cases.Prepared:
        if exercise_id not in cache:
            exercise = EXERCISES[exercise_id]
            cache[exercise_id] = cases.prepare(exercise, *grader_for(exercise))
        return cache[exercise_id]

    yield get


def _grade(
    exercise: Exercise, answer: Path, prepared: cases.Prepared, tmp: Path
) -> grading.Verdict:
    """Grade ``answer`` under the starter's file name, as ``aieng check`` would."""
    path = tmp / Path(exercise.starter).name
    shutil.copy(answer, path)
    return grading.grade_file(exercise, *grader_for(exercise), path, prepared=prepared)


def test_every_exercise_has_five_mistakes_and_a_right_answer_of_its_own() -> None:
    folders = {p.name for p in ANSWERS.iterdir() if p.is_dir()}
    assert not folders - set(EXERCISES), (
        f"answer folders of no exercise: {folders - set(EXERCISES)}"
    )
    short = {}
    for exercise_id in EXERCISES:
        folder = ANSWERS / exercise_id
        right = list(folder.glob("right*")) if folder.is_dir() else []
        wrong = list(folder.glob("wrong_*")) if folder.is_dir() else []
        if len(right) < MIN_RIGHT or len(wrong) < MIN_WRONG:
            short[exercise_id] = f"{len(right)} right, {len(wrong)} wrong"
    assert not short, f"need ≥ {MIN_RIGHT} right and ≥ {MIN_WRONG} wrong answers: {short}"


@pytest.mark.parametrize("item", _answers("right") + _answers("wrong"), ids=_ident)
def test_every_answer_says_what_it_is(item: tuple[str, Path]) -> None:
    _, path = item
    header = _header(path)
    key = "right" if path.name.startswith("right") else "mistake"
    assert key in header, f"{path}: start with a '# {key}: ...' line saying what it is"
    text = path.read_text(encoding="utf-8")
    assert "reference_as_learner" not in text and "from aieng" not in text, (
        f"{path}: a learner's answer does not call the package's solution"
    )


@pytest.mark.slow
@pytest.mark.parametrize("item", _answers("right"), ids=_ident)
def test_a_right_answer_passes(
    item: tuple[str, Path], prepared: Callable[[str], cases.Prepared], tmp_path: Path
) -> None:
    exercise_id, path = item
    exercise = EXERCISES[exercise_id]
    verdict = _grade(exercise, path, prepared(exercise_id), tmp_path)
    assert verdict.passed, "\n".join((verdict.check, *verdict.lines))


@pytest.mark.slow
@pytest.mark.parametrize("item", _answers("wrong"), ids=_ident)
def test_a_wrong_answer_fails(
    item: tuple[str, Path], prepared: Callable[[str], cases.Prepared], tmp_path: Path
) -> None:
    exercise_id, path = item
    exercise = EXERCISES[exercise_id]
    verdict = _grade(exercise, path, prepared(exercise_id), tmp_path)
    header = _header(path)
    assert not verdict.passed, f"{path.name} ({header.get('mistake')}) passed its grader"
    if "fails" in header:
        assert verdict.check == header["fails"], "\n".join((verdict.check, *verdict.lines))
    if "on" in header:  # the case the failure names: the one that pins this mistake
        assert f"on {header['on']}:" in verdict.lines, "\n".join(verdict.lines)
