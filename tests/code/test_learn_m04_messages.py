"""Month 4's graders explain the mistake they caught: the message names the rule that was broken.

tests/code/test_learn_answers.py proves that each known-wrong answer in tests/learn_answers/
fails; here a few of them must also be *told* why, in the words a learner can act on — the
plain t where the corrected one is asked, the lowest of equal thresholds, the rounded grid, a
constant column found by its values, statistics leaked from the test rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aieng.learn import grading, manifest
from aieng.learn.graders import grader_for

ANSWERS = Path(__file__).resolve().parents[1] / "learn_answers"

# (exercise id, wrong answer, the check it fails, words its explanation must hold)
EXPLAINED = [
    ("m04.roc-auc", "wrong_reversed.py", "auc matches the reference", "1 − the expected"),
    ("m04.corrected-ttest", "wrong_plain_paired.py", "t matches the reference", "plain paired t"),
    (
        "m04.best-threshold",
        "wrong_highest_of_ties.py",
        "threshold matches the reference",
        "of equally good thresholds, return the lowest",
    ),
    (
        "m04.best-threshold",
        "wrong_unrounded_grid.py",
        "threshold matches the reference",
        "holds 0.7000000000000001 where 0.70 is meant",
    ),
    (
        "m04.leak-free-scaling",
        "wrong_scaled_on_both.py",
        "Z_train matches the reference",
        "leak them into the model",
    ),
    (
        "m04.leak-free-scaling",
        "wrong_constant_by_exact_zero_std.py",
        "Z_train matches the reference",
        "its float std is 1.4e-17, not 0",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("exercise_id", "answer", "check", "words"),
    EXPLAINED,
    ids=[f"{e}/{a}" for e, a, *_ in EXPLAINED],
)
def test_a_caught_mistake_is_explained(
    exercise_id: str, answer: str, check: str, words: str, tmp_path: Path
) -> None:
    exercise = manifest.load().get(exercise_id)
    path = tmp_path / Path(exercise.starter).name
    shutil.copy(ANSWERS / exercise_id / answer, path)
    verdict = grading.grade_file(exercise, *grader_for(exercise), path)
    assert not verdict.passed
    assert verdict.check == check, verdict.lines
    assert any(words in line for line in verdict.lines), verdict.lines
