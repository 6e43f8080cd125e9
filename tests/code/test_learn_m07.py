"""Month 7's graders: their cases hold every property the starters state, and a mistake is named.

tests/code/test_learn_answers.py proves that each known-wrong answer fails; here the cases are
checked for what the starters promise (a batch of one, logits in the thousands, inputs exactly
0, a square layer), and a few mistakes must be *told* why: a factor n, a flipped sign, the
ReLU's slope at 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for

ANSWERS = Path(__file__).resolve().parents[1] / "learn_answers"
EXERCISES = {e.id: e for e in manifest.load().of_month("m07")}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, cases.Prepared]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("m07-home")))
        return {i: cases.prepare(e, *grader_for(e)) for i, e in EXERCISES.items()}


def test_month_7_has_five_exercises_on_its_numpy_network() -> None:
    assert len(EXERCISES) >= 5
    assert all(e.reference.startswith("aieng.deep.numpy_net.") for e in EXERCISES.values())


def test_every_exercise_has_a_batch_of_one_and_a_batch_of_several(
    prepared: dict[str, cases.Prepared],
) -> None:
    for exercise_id, found in prepared.items():
        rows = {len(case.args[0]) for case, _ in found}
        assert 1 in rows and max(rows) >= 3, (exercise_id, rows)


def test_the_stated_hard_inputs_are_all_there(prepared: dict[str, cases.Prepared]) -> None:
    def inputs(exercise_id: str) -> list[tuple[object, ...]]:
        return [case.args for case, _ in prepared[exercise_id]]

    for exercise_id in ("m07.log-softmax", "m07.softmax-cross-entropy"):
        assert any(np.abs(args[0]).max() >= 1000 for args in inputs(exercise_id))
        # the square batch or a class 2000 behind: each needs the per-row shift
        spreads = [np.ptp(np.asarray(args[0]), axis=1).max() for args in inputs(exercise_id)]
        assert max(spreads) >= 2000, exercise_id
    assert any(args[0].shape[0] == args[0].shape[1] for args in inputs("m07.log-softmax"))
    relu_zeros = [np.sum(np.asarray(args[0]) == 0) for args in inputs("m07.relu")]
    assert relu_zeros[2] >= 3 and sum(z > 0 for z in relu_zeros[4:]) >= 5  # generated ones too
    weights = [np.asarray(args[1]).shape for args in inputs("m07.linear-layer")]
    assert any(a == b for a, b in weights) and any(a != b for a, b in weights)
    # a hidden unit negative for every sample: its weights' gradient is exactly 0
    dead = [out[1] for case, out in prepared["m07.two-layer-backprop"] if "dead" in case.label]
    assert dead and not dead[0][0].any()


EXPLAINED = [
    ("m07.linear-layer", "wrong_bias_averaged.py", "grad_bias", "n = 4 times too small"),
    (
        "m07.softmax-cross-entropy",
        "wrong_gradient_not_averaged.py",
        "grad_logits",
        "3 times too large",
    ),
    ("m07.softmax-cross-entropy", "wrong_gradient_sign.py", "grad_logits", "opposite sign"),
    ("m07.two-layer-backprop", "wrong_mean_twice.py", "grad_w1", "applied twice"),
    ("m07.relu", "wrong_slope_one_at_zero.py", "grad_x", "only where x is exactly 0"),
]


@pytest.mark.parametrize(
    ("exercise_id", "answer", "output", "words"),
    EXPLAINED,
    ids=[f"{e}/{a}" for e, a, *_ in EXPLAINED],
)
def test_a_caught_mistake_is_explained(
    exercise_id: str,
    answer: str,
    output: str,
    words: str,
    prepared: dict[str, cases.Prepared],
    tmp_path: Path,
) -> None:
    exercise = EXERCISES[exercise_id]
    path = tmp_path / Path(exercise.starter).name
    shutil.copy(ANSWERS / exercise_id / answer, path)
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert verdict.check == f"{output} matches the reference", verdict.lines
    assert any(words in line for line in verdict.lines), verdict.lines
