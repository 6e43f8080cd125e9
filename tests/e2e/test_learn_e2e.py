"""Learn mode end to end through the CLI: list, start, check (fail, pass), hint, solution, quiz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.learn.quiz import attempt, load_quiz

CORRECT_LOSS = """
def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return (r @ r + alpha * (w @ w)) / (2 * len(y))
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIENG_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path / "ws"


@pytest.mark.slow
def test_a_learner_goes_from_starter_to_pass(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("learn")
    assert code == 0
    assert "m03 Mathematics for Machine Learning · 0/5 done · quiz: aieng quiz m03" in out
    assert "· m03.loss" in out
    # Exercises come in learning order: month 1's first.
    assert "Next: m01.warmup-values — `aieng learn start m01.warmup-values`" in out

    code, _, err = cli("check")
    assert code == 2 and "Error: no exercise in progress" in err
    assert "Hint: start the next one with `aieng learn start m01.warmup-values`" in err

    code, out, _ = cli("learn", "start", "m03.loss")
    mine = ws / "m03_scratch" / "ex1_loss.py"
    assert code == 0 and f"edit:  {mine}" in out and mine.is_file()

    code, out, err = cli("check")  # the current exercise: started, not done
    assert code == 1 and err == ""
    assert "✗ m03.loss failed: ridge_loss() is written (passed 0 of 44 cases)" in out
    assert "on 1 sample × 1 feature:" in out and "X = [[3.]]" in out
    assert "Stuck? `aieng hint m03.loss` shows hint 1 of 3 (the failure you see)." in out

    code, out, _ = cli("hint")
    assert code == 0 and "Hint 1/3 — the failure you see" in out and "Hint 2/3" not in out
    assert "Your last check said: “ridge_loss() is written” failed: ridge_loss() is not" in out
    code, out, _ = cli("hint", "m03.loss")
    assert "Hint 2/3 — the concept" in out

    code, _, err = cli("solution", "m03.loss")
    assert code == 2 and "Error: the solution of m03.loss opens once you pass it" in err

    mine.write_text(CORRECT_LOSS)
    code, out, _ = cli("check", "m03.loss")
    assert code == 0, out
    assert "✓ m03.loss passed: all 44 cases match the reference. Marked done." in out
    assert "Next: m01.warmup-values — `aieng learn start m01.warmup-values`" in out

    code, out, _ = cli("learn")
    assert "1/5 done" in out and "✓ m03.loss" in out
    code, out, _ = cli("progress", "--json")
    assert json.loads(out)["exercises"]["m03"] == {
        "total": 5,
        "done": 1,
        "learning": 0,
        "skipped": 0,
        "percent": 20.0,
    }
    code, out, _ = cli("progress")
    assert "ex. 1/5" in out
    code, out, _ = cli("solution", "m03.loss")
    assert code == 0 and "aieng.scratch.loss_and_gradient" in out and "def loss_and_gradient" in out
    assert "revealed" not in out

    code, out, _ = cli("roadmap", "show", "math.linalg.matrix-multiplication")
    assert "m03.loss" in out
    code, out, _ = cli("progress", "mark", "m03.gradient", "skipped")  # exercise ids work there
    assert code == 0 and "Marked 1 item(s) skipped: m03.gradient" in out
    code, out, _ = cli("learn")
    assert "– m03.gradient" in out and "Next: m01.warmup-values" in out


def test_start_keeps_work_and_reset_asks_first(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    cli("learn", "start", "m3.pca")
    mine = ws / "m03_scratch" / "ex5_pca.py"
    mine.write_text("# my work")
    code, out, _ = cli("learn", "start", "m03.pca")
    assert code == 0 and "already started; your work is untouched" in out
    assert mine.read_text() == "# my work"
    code, _, _ = cli("learn", "start", "m03.pca", "--reset", input="n\n")
    assert code == 1 and mine.read_text() == "# my work"  # declined: nothing changed
    code, out, _ = cli("learn", "start", "m03.pca", "--reset", input="y\n")
    assert code == 0 and "your previous file is saved as" in out
    (backup,) = (ws / ".backup").glob("ex5_pca.*.py")
    assert backup.read_text() == "# my work" and "# TODO" in mine.read_text()


def test_learn_errors_are_pinned(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("learn", "start", "m03.los")
    assert code == 2 and "Error: unknown exercise 'm03.los'" in err
    assert "Hint: Did you mean 'm03.loss'? Run `aieng learn` to see them all." in err
    code, _, err = cli("check", "m03.pca")
    assert code == 2 and "Error: you have not started m03.pca" in err
    assert "Traceback" not in err
    code, out, _ = cli("solution", "m03.pca", "--reveal")
    assert code == 0 and "(revealed before passing — recorded)" in out and "class PCA" in out


def test_the_quiz_by_flag_and_by_prompt(cli) -> None:  # type: ignore[no-untyped-def]
    quiz = load_quiz("m03")
    shown = attempt(quiz, 42).shown  # the order `--seed 42` shows
    right = ",".join(f"{i}={q.answer}" for i, q in enumerate(shown.questions, 1))
    code, out, _ = cli("quiz", "m03", "--seed", "42", "--answers", right)
    n = len(quiz.questions)
    assert code == 0 and f"{n}/{n} right (your best: {n}/{n}; seed 42)." in out
    assert quiz.questions[0].explanation in out

    # (100,) is the right shape: typed by the letter it is shown with, whatever the seed
    first = shown.questions[0]
    wrong = next(x for x in first.letters if x != first.answer)
    typed = ["z", wrong] + ["1" if not q.choices else "a" for q in shown.questions[1:]]
    code, out, err = cli("quiz", "m3", "--seed", "42", input="\n".join(typed) + "\n")
    assert code == 0 and "answer 'z' is not one of the choices" in err
    assert f"✗ 1. you answered {first.text_of(wrong)}; the answer is {first.answer}) (100,)" in out
    assert f"(your best: {n}/{n}; seed 42)" in out
    code, out, _ = cli("learn")
    assert f"quiz: aieng quiz m03 (best {n}/{n})" in out

    code, _, err = cli("quiz", "m03", "--seed", "42", "--answers", "1=b")
    assert code == 2 and "Error: --answers has no answer for question(s) 2" in err


def test_check_watch_returns_once_the_file_passes(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    cli("learn", "start", "m03.loss")
    (ws / "m03_scratch" / "ex1_loss.py").write_text(CORRECT_LOSS)
    code, out, err = cli("check", "--watch")
    assert code == 0 and "Watching" in err and "✓ m03.loss passed" in out
