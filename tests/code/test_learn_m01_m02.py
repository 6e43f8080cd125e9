"""Months 1 and 2's exercises: answers written without aieng pass, classic mistakes fail.

tests/code/test_learn_graders.py already proves, for every exercise, that the package's
reference passes and the untouched starter fails; here a learner's own correct answer must pass
too (the tolerances are not tuned to the reference's arithmetic), and a typical mistake — the
correct answer with one edit — must fail at the check named, on the case named, so the message
points at what to fix.

Only m01.error-classes and m01.atomic-write are left here; the other exercises of months 1 and
2 are graded against the answers in tests/learn_answers/ (tests/code/test_learn_answers.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for

# exercise id -> a correct answer written without aieng
RIGHT: dict[str, str] = {
    "m01.error-classes": """\
class AiengError(Exception):
    exit_code = 1
    def __init__(self, message, *, hint="", exit_code=None):
        super().__init__(message)
        self.message, self.hint = message, hint
        if exit_code is not None:
            self.exit_code = exit_code
    def __str__(self):
        return f"{self.message} ({self.hint})" if self.hint else self.message

class UsageError(AiengError):
    exit_code = 2
class NotFoundError(UsageError):
    pass
class InputFileError(AiengError):
    pass
class ConfigError(AiengError):
    pass
class DataError(AiengError):
    pass

def exit_code_of(kind, message, hint, exit_code):
    cls = globals().get(kind)
    if cls is None:
        raise NameError(f"there is no class {kind} yet: define it above")
    try:
        raise cls(message, hint=hint, exit_code=exit_code)
    except AiengError as err:
        return err.exit_code, len(str(err))
""",
    "m01.atomic-write": """\
import os, tempfile, zlib
from pathlib import Path

def atomic_write(target, text):
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target

def save_report(text, old_text):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.txt"
        target.write_text(old_text, encoding="utf-8")
        try:
            atomic_write(target, text)
        except UnicodeEncodeError:
            pass
        others = [p for p in Path(folder).iterdir() if p != target]
        return zlib.crc32(target.read_bytes()), len(others)
""",
}

# exercise id -> (text in the right answer, the mistake in its place, the check it fails,
#                 the case it fails on)
MISTAKES: dict[str, tuple[str, str, str, str]] = {
    # NotFoundError derives from AiengError
    "m01.error-classes": (
        "class NotFoundError(UsageError)",
        "class NotFoundError(AiengError)",
        "exit_code matches the reference",
        "inherited exit code",
    ),
    # encodes while writing the temporary file, and never removes it on failure
    "m01.atomic-write": (
        'payload = text.encode("utf-8")\n'
        "    fd, name = tempfile.mkstemp(dir=target.parent)\n"
        "    try:\n"
        '        with os.fdopen(fd, "wb") as f:\n'
        "            f.write(payload)\n"
        "        os.replace(name, target)\n"
        "    except BaseException:\n"
        "        Path(name).unlink(missing_ok=True)\n"
        "        raise\n",
        "fd, name = tempfile.mkstemp(dir=target.parent)\n"
        '    with os.fdopen(fd, "w", encoding="utf-8") as f:\n'
        "        f.write(text)\n"
        "    os.replace(name, target)\n",
        "leftover_files matches the reference",
        "text UTF-8 cannot encode: the old report must survive",
    ),
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        found = manifest.load()
        yield {i: cases.prepare(found.get(i), *grader_for(found.get(i))) for i in RIGHT}


def test_every_exercise_left_here_has_an_answer_and_a_mistake() -> None:
    ids = {e.id for e in manifest.load().exercises if e.month in ("m01", "m02")}
    assert set(RIGHT) == set(MISTAKES) <= ids
    for exercise_id, (right_text, *_) in MISTAKES.items():
        assert RIGHT[exercise_id].count(right_text) == 1, exercise_id


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_a_correct_answer_passes_and_a_classic_mistake_fails(
    exercise_id: str, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    exercise = manifest.load().get(exercise_id)
    right_text, mistake, check, failing_case = MISTAKES[exercise_id]
    path = tmp_path / Path(exercise.starter).name
    path.write_text(RIGHT[exercise_id])
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert verdict.passed, verdict.lines
    path.write_text(RIGHT[exercise_id].replace(right_text, mistake))
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert not verdict.passed
    assert verdict.check == check, verdict.lines
    assert f"on {failing_case}:" in verdict.lines, verdict.lines
