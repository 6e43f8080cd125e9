"""Learn mode: manifest, workspace, sandbox, grader messages, hints, solutions, quiz, watch."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from aieng.errors import ConfigError, InputFileError, NotFoundError, UsageError
from aieng.learn import cases, grading, manifest, quiz, session, workspace
from aieng.learn.grader import Case, Output, compare, show
from aieng.learn.graders import grader_for
from aieng.learn.graders.m03 import GRADERS
from aieng.learn.state import LearnState
from aieng.learn.watch import watch
from aieng.roadmap import load as load_roadmap
from aieng.roadmap.progress import ProgressStore
from aieng.settings import get_settings

LOSS = manifest.load().get("m03.loss")
GRADIENT = manifest.load().get("m03.gradient")
CORRECT_LOSS = """
def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return (r @ r + alpha * (w @ w)) / (2 * len(y))
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    """The loss and gradient cases, prepared once (it imports the reference: ~2 s)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        yield {e.id: cases.prepare(e, *grader_for(e)) for e in (LOSS, GRADIENT)}


@pytest.fixture
def workspace_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIENG_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path / "ws"


def _grade(
    prepared: dict[str, cases.Prepared], tmp_path: Path, code: str, **limits: Any
) -> grading.Verdict:
    path = tmp_path / "answer.py"
    path.write_text(textwrap.dedent(code))
    grader, grader_file = grader_for(LOSS)
    grader = dataclasses.replace(grader, **limits)
    return grading.grade_file(LOSS, grader, grader_file, path, prepared=prepared["m03.loss"])


# ── manifest ──────────────────────────────────────────────────────────────────────────────────


def test_the_manifest_lists_every_grader_and_its_roadmap_topics() -> None:
    m = manifest.load()
    assert [e.id for e in m.of_month("m03")] == list(GRADERS)
    assert len(m.of_month("m03")) >= 4
    topics = {t.id: t for t in load_roadmap().topics}
    for exercise in m.exercises:
        for topic in exercise.topics:  # and the roadmap names the exercise back
            assert exercise.id in topics[topic].exercises, (exercise.id, topic)
        assert manifest.starter_path(exercise).is_file()
        assert (manifest.exercises_dir().parent / exercise.docs).is_file()


def test_exercise_ids_are_found_with_did_you_mean() -> None:
    assert manifest.load().get("M3.Loss").id == "m03.loss"
    with pytest.raises(NotFoundError, match=r"unknown exercise 'm03\.los'") as info:
        manifest.load().get("m03.los")
    assert "Did you mean 'm03.loss'" in info.value.hint


_GOOD = """
[[exercises]]
id = "m03.x"
month = "m03"
title = "X"
topics = ["m03.optimization"]
starter = "m03_scratch/ex1_x.py"
function = "f"
reference = "aieng.scratch.sigmoid"
docs = "docs/m03-scratch.md"
[exercises.hints]
failure = "a"
concept = "b"
read = "c"
"""


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("", 'colour = "red"\n[exercises.hints]'), r"unknown key 'exercises\.0\.colour'"),
        (('id = "m03.x"', 'id = "m04.x"'), r"must start with its month"),
        (('reference = "aieng.scratch.sigmoid"', 'reference = "numpy.linalg"'), r"reference"),
        (
            ('starter = "m03_scratch/ex1_x.py"', 'starter = "x.py"'),
            r"bad value for '.*starter': String should",
        ),
        (("[[exercises]]", "[[exercises"), r"is not valid TOML"),
    ],
)
def test_a_broken_manifest_is_refused(edit: tuple[str, str], message: str) -> None:
    old, new = edit
    raw = _GOOD.replace(old, new, 1) if old else _GOOD.replace("[exercises.hints]", new, 1)
    with pytest.raises(ConfigError, match=message):
        manifest.parse(raw)
    assert manifest.parse(_GOOD).exercises[0].id == "m03.x"


def test_duplicated_ids_and_dangling_references_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"duplicated exercise id: m03\.x"):
        manifest.parse(_GOOD + _GOOD.replace("ex1_x", "ex2_x"))
    bad = manifest.parse(_GOOD.replace('"m03.optimization"', '"m03.nope"'))
    with pytest.raises(ConfigError, match=r"no starter file .*unknown roadmap topic 'm03\.nope'"):
        manifest.check_against(bad, tmp_path)


def test_a_missing_exercises_folder_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIENG_EXERCISES", str(tmp_path))
    with pytest.raises(NotFoundError, match=r"no exercise manifest at .*info\.toml") as info:
        manifest.exercises_dir()
    assert "AIENG_EXERCISES" in info.value.hint


# ── workspace ─────────────────────────────────────────────────────────────────────────────────


def test_start_never_overwrites_work_and_reset_keeps_a_backup(workspace_dir: Path) -> None:
    first = session.start(LOSS)
    assert first.created and first.path == workspace_dir / LOSS.starter
    assert first.path.read_text() == manifest.starter_path(LOSS).read_text()
    assert ProgressStore(get_settings().progress_db).entries()["m03.loss"].status == "learning"
    first.path.write_text("my work")
    again = session.start(LOSS)
    assert not again.created and again.path.read_text() == "my work"
    reset = workspace.start(LOSS, reset=True)
    assert reset.created and reset.backup is not None and reset.backup.read_text() == "my work"
    assert reset.path.read_text() == manifest.starter_path(LOSS).read_text()


def test_start_in_a_workspace_that_cannot_be_written_says_where_to_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("")
    monkeypatch.setenv("AIENG_WORKSPACE", str(blocker / "ws"))
    with pytest.raises(InputFileError, match=r"cannot write '.*somefile\.txt/ws/") as info:
        workspace.start(LOSS)
    assert "AIENG_WORKSPACE" in info.value.hint


def test_check_without_a_started_exercise_says_how_to_start(workspace_dir: Path) -> None:
    with pytest.raises(UsageError, match=r"no exercise in progress") as info:
        session.current(manifest.load(), {})
    assert "aieng learn start m01.warmup-values" in info.value.hint  # the first in order
    with pytest.raises(NotFoundError, match=r"you have not started m03\.pca"):
        session.learner_file(manifest.load().get("m03.pca"))
    session.start(GRADIENT)
    assert session.current(manifest.load(), {}).id == "m03.gradient"


# ── grading: every way a learner's file can go wrong gets a plain message ───────────────────


def test_a_correct_answer_passes(prepared: dict[str, cases.Prepared], tmp_path: Path) -> None:
    verdict = _grade(prepared, tmp_path, CORRECT_LOSS)
    assert verdict.passed, verdict.lines
    assert verdict.cases_passed == verdict.cases_total == len(prepared["m03.loss"]) > 40


def test_a_wrong_value_shows_the_input_expected_and_got(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    verdict = _grade(prepared, tmp_path, CORRECT_LOSS.replace("(2 * len(y))", "len(y)"))
    assert not verdict.passed and verdict.check == "loss matches the reference"
    text = "\n".join(verdict.lines)
    assert "expected loss = 4.5\ngot      loss = 9.0" in text
    assert "tolerance: |got - expected| ≤ 1e-12 + 1e-09·|expected|" in text
    assert "on 1 sample × 1 feature:" in text and "X = [[3.]]" in text


@pytest.mark.parametrize(
    ("code", "check", "message"),
    [
        (
            "def ridge_loss(w, b, X, y, alpha)\n    return 0\n",
            "your file is valid Python",
            r"answer\.py has a syntax error at line 1: expected ':'",
        ),
        (
            "import no_such_module\n",
            "your file imports",
            r"raised ModuleNotFoundError: No module named 'no_such_module' at line 1",
        ),
        (
            "def loss(w, b, X, y, alpha):\n    return 0.0\n",
            "your file defines ridge_loss()",
            r"no function named 'ridge_loss' \(functions found: loss\)",
        ),
        (
            "ridge_loss = 3\n",
            "your file defines ridge_loss()",
            r"ridge_loss in answer\.py is a int",
        ),
        (
            "import numpy as np\n"
            "def ridge_loss(w, b, X, y, alpha):\n    return X @ np.append(w, b)\n",
            "ridge_loss() runs without error",
            r"raised ValueError: matmul: .* at line 3: return X @ np.append\(w, b\)",
        ),
        (
            "def ridge_loss(w, b, X, y, alpha):\n    return [0.0]\n",
            "loss is a number",
            r"loss should be a single number, got a list \(\[0\.0\]\)",
        ),
        (
            "def ridge_loss(w, b, X, y, alpha):\n    X *= 2\n    return 0.0\n",
            "does not modify its inputs",
            r"changed its input X",
        ),
        (
            "import numpy as np\ndef ridge_loss(w, b, X, y, alpha):\n    return np.exp(1e4) * 0\n",
            "runs without numerical warnings",
            r"NumPy warned .*overflow encountered in exp",
        ),
        (
            "def ridge_loss(w, b, X, y, alpha):\n    raise NotImplementedError\n",
            "ridge_loss() is written",
            r"not written yet: it raised NotImplementedError at line 2",
        ),
        (
            "def ridge_loss(w, b, X, y, alpha):\n    import sys; sys.exit(3)\n",
            "ridge_loss() runs without error",
            r"raised SystemExit: 3",
        ),
    ],
)
def test_broken_answers_get_a_plain_message(
    prepared: dict[str, cases.Prepared], tmp_path: Path, code: str, check: str, message: str
) -> None:
    verdict = _grade(prepared, tmp_path, code)
    assert not verdict.passed and verdict.check == check
    assert any(__import__("re").search(message, line) for line in verdict.lines), verdict.lines


def test_an_endless_loop_is_stopped_and_the_input_named(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    code = (
        "def ridge_loss(w, b, X, y, alpha):\n    while len(y) > 1:\n        pass\n    return 4.5\n"
    )
    verdict = _grade(prepared, tmp_path, code, time_limit_s=3.0)
    assert verdict.check == "finishes in time"
    assert verdict.lines[0].startswith("your function did not return within 3 s")
    assert verdict.lines[1] == "on 3 samples × 2 features:" and verdict.cases_passed == 1


def test_memory_and_crashes_are_reported_not_suffered(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    hog = (
        "import numpy as np\ndef ridge_loss(w, b, X, y, alpha):\n    return np.ones(10**9).sum()\n"
    )
    verdict = _grade(prepared, tmp_path, hog, memory_limit_mb=400)
    assert verdict.check == "fits in memory"
    assert "more than the 400 MiB" in verdict.lines[0]
    crash = (
        "import os, signal\n"
        "def ridge_loss(w, b, X, y, alpha):\n    os.kill(os.getpid(), signal.SIGSEGV)\n"
    )
    verdict = _grade(prepared, tmp_path, crash)
    assert verdict.check == "runs to the end"
    assert verdict.lines[0] == "the Python process running your code was killed by SIGSEGV"


def test_a_flipped_gradient_is_explained_with_finite_differences(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    path = tmp_path / "grad.py"
    path.write_text(
        "def loss_and_gradient(w, b, X, y, alpha):\n"
        "    r = y - X @ w - b\n"
        "    n = len(y)\n"
        "    return (r @ r + alpha * w @ w) / (2 * n), (X.T @ r - alpha * w) / n, r.sum() / n\n"
    )
    verdict = grading.grade_file(
        GRADIENT, *grader_for(GRADIENT), path, prepared=prepared["m03.gradient"]
    )
    assert verdict.check == "grad_w matches the reference"
    text = "\n".join(verdict.lines)
    assert "(finite differences)" in text and "opposite sign" in text


def test_compare_checks_the_contract_before_the_numbers() -> None:
    out = Output("w", "array")
    want = np.array([1.0, 2.0])
    assert compare(out, want + 1e-12, want) is None
    msg = compare(out, [1.0, 2.0], want)
    assert (
        msg and msg.lines[0] == "w should be a NumPy array of shape (2,), got a list ([1.0, 2.0])."
    )
    msg = compare(out, np.array([[1.0, 2.0]]), want)
    assert msg and msg.lines[0] == "w should have shape (2,), got shape (1, 2)."
    msg = compare(out, np.array([1, 2]), want)
    assert msg and msg.lines[0] == "w should hold floats (float64), got dtype int64."
    msg = compare(out, np.array([1.0, 3.0]), want)
    assert msg and "the largest at w[1]: expected 2.0, got 3.0" in msg.lines[2]
    signs = Output("rows", "array", rows_up_to_sign=True)
    rows = np.array([[0.6, 0.8], [0.8, -0.6]])
    assert compare(signs, rows * np.array([[-1.0], [1.0]]), rows) is None
    assert compare(Output("b", "scalar"), True, 1.0) is not None
    assert show(1.0) == "1.0" and show(np.float64(2.5)) == "2.5"


def test_generated_cases_are_the_same_on_every_run() -> None:
    strategy = GRADERS["m03.loss"].generated
    assert strategy is not None
    first, second = cases.draw(strategy(), 10), cases.draw(strategy(), 10)
    assert len(first) == 10
    for a, b in zip(first, second, strict=True):
        for x, y in zip(a.args, b.args, strict=True):
            np.testing.assert_array_equal(x, y)


def test_prepared_cases_are_cached_and_reused(prepared: dict[str, cases.Prepared]) -> None:
    cache_dir = get_settings().home / "learn" / "cases"
    assert not cache_dir.exists()  # this test's home is fresh
    cache_dir.mkdir(parents=True)
    (cache_dir / "m03.loss.0123456789abcdef.pkl").write_bytes(b"from an older grader")
    grader, grader_file = grader_for(LOSS)
    fast = dataclasses.replace(grader, n_generated=3)
    first = cases.prepare(LOSS, fast, grader_file)
    assert [c.label for c, _ in first][-1] == "generated case 3"
    (cached,) = cache_dir.glob("m03.loss.*.pkl")
    assert cases.prepare(LOSS, fast, grader_file)[0][1] == first[0][1]
    cached.write_bytes(b"truncated")  # a broken cache is prepared again, not a crash
    assert len(cases.prepare(LOSS, fast, grader_file)) == len(first)


# ── hints, solutions, quiz, watch ─────────────────────────────────────────────────────────────


def test_hints_come_in_layers_and_are_remembered() -> None:
    LearnState().set_failure("m03.loss", "loss matches the reference")
    first = session.hint(LOSS)
    assert [h.layer for h in first] == [1]
    assert "Your last check said: loss matches the reference" in first[0].text
    assert [h.layer for h in session.hint(LOSS)] == [1, 2]
    third = session.hint(LOSS)
    assert (
        "aieng.scratch.loss_and_gradient" in third[2].text
        and "docs/m03-scratch.md" in third[2].text
    )
    assert len(session.hint(LOSS)) == 3  # no fourth layer
    assert LearnState().get("m03.loss").hints_shown == 3


def test_the_solution_opens_after_a_pass_or_when_revealed() -> None:
    with pytest.raises(
        UsageError, match=r"the solution of m03\.loss opens once you pass it"
    ) as info:
        session.solution(LOSS)
    assert "--reveal" in info.value.hint
    shown = session.solution(LOSS, reveal=True)
    assert shown.revealed and "def loss_and_gradient" in shown.source
    assert shown.file.endswith("scratch/linear.py") and LearnState().get("m03.loss").revealed
    assert session.solution(LOSS).revealed  # stays open, still marked as revealed
    ProgressStore(get_settings().progress_db).mark(["m03.pca"], "done")
    assert not session.solution(manifest.load().get("m03.pca")).revealed


def test_the_quiz_parses_marks_and_explains() -> None:
    q = quiz.load_quiz("m3")
    assert q.month == "m03" and len(q.questions) >= 5
    shown = quiz.attempt(q, 3).shown  # answers name the choices as the attempt shows them
    numeric = next(i for i, x in enumerate(q.questions, 1) if not x.choices)
    answers = ",".join(
        f"{i}={x.answer}" if i != numeric else f"{i}=12345"
        for i, x in enumerate(shown.questions, 1)
    )
    marked = quiz.mark(quiz.attempt(q, 3), quiz.parse_answers(shown, answers))
    assert [m.right for m in marked].count(False) == 1 and not marked[numeric - 1].right
    with pytest.raises(UsageError, match=r"answer 'z' is not one of the choices"):
        quiz.parse_answers(q, "1=z")
    with pytest.raises(UsageError, match=r"--answers has no answer for question\(s\) 2, 3"):
        quiz.parse_answers(q, "1=a," + ",".join(answers.split(",")[3:]))
    with pytest.raises(UsageError, match=r"cannot read 'x' in --answers"):
        quiz.parse_answers(q, "x")
    with pytest.raises(NotFoundError, match=r"unknown quiz 'm12'"):
        quiz.load_quiz("m12")  # a month with no quiz yet
    assert LearnState().record_quiz("m03", 3, 7) == 3 and LearnState().record_quiz("m03", 1, 7) == 3


def test_a_quiz_question_must_be_answerable() -> None:
    with pytest.raises(ValueError, match=r"answer must be one of a, b"):
        quiz.Question(prompt="?", choices=("x", "y"), answer="c", explanation="")
    with pytest.raises(ValueError, match=r"needs a numeric answer"):
        quiz.Question(prompt="?", answer="b", explanation="")


def test_watch_grades_again_on_every_save_until_it_passes(tmp_path: Path) -> None:
    path = tmp_path / "answer.py"
    path.write_text("v1")
    graded: list[str] = []
    saves = iter(["v22", "v333"])

    def sleep(_: float) -> None:  # the learner saves between two polls
        path.write_text(next(saves, path.read_text()))

    result = watch(
        path,
        lambda: graded.append(path.read_text()) or path.read_text(),
        lambda text: text == "v333",
        sleep=sleep,
        max_rounds=10,
    )
    assert result == "v333" and graded == ["v1", "v22", "v333"]
    assert watch(path, lambda: "no", lambda _: False, sleep=lambda _: None, max_rounds=3) is None


def test_case_labels_are_what_the_learner_reads() -> None:
    fixed = GRADERS["m03.gradient-descent"].fixed()
    assert fixed[0].label == "one step, 3 samples × 1 feature"
    assert all(isinstance(c, Case) for c in fixed)


def test_preparing_without_hypothesis_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "hypothesis", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"needs the hypothesis package") as info:
        cases.draw(None, 3)
    assert "pip install hypothesis" in info.value.hint


def test_what_the_learner_prints_is_shown_with_the_failure(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    code = "def ridge_loss(w, b, X, y, alpha):\n    print('debug', len(y))\n    return 0.0\n"
    verdict = _grade(prepared, tmp_path, code)
    assert verdict.check == "loss matches the reference"
    assert verdict.lines[-1].startswith("your code printed: debug 1\ndebug 3")


def test_a_loop_at_import_time_and_an_early_exit_are_explained(
    prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    verdict = _grade(prepared, tmp_path, "while True:\n    pass\n", time_limit_s=2.0)
    assert verdict.check == "finishes in time"
    assert verdict.lines == (
        "importing your file took more than 2 s (an endless loop, or far too much work?)",
    )
    code = "import os\ndef ridge_loss(w, b, X, y, alpha):\n    os._exit(0)\n"
    verdict = _grade(prepared, tmp_path, code)
    assert verdict.check == "runs to the end"
    assert verdict.lines[0] == (
        "the Python process running your code exited before reporting back (os._exit or exit())"
    )


def test_the_readme_and_the_learn_page_count_the_exercises_there_are() -> None:
    repo = Path(__file__).resolve().parents[2]
    n = len(manifest.load().exercises)
    for page in (repo / "README.md", repo / "docs" / "learn.md"):
        counts = re.findall(r"(\d+) exercises —", page.read_text(encoding="utf-8"))
        assert counts == [str(n)], f"{page.name} says {counts} exercises; the manifest has {n}"
