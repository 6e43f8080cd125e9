"""The warm-up's plumbing: a grader module of its own beside the month's, and a first start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aieng.errors import ConfigError
from aieng.learn import graders, manifest
from aieng.learn.graders import grader_for
from aieng.learn.manifest import Exercise, Hints
from aieng.learn.sandbox import run_cases


def _exercise(starter: str) -> Exercise:
    month = starter[:3]
    return Exercise(
        id=f"{month}.x",
        month=month,
        title="x",
        topics=("m01.python-fundamentals",),
        starter=starter,
        function="x",
        reference="aieng.learn.x",
        docs="docs/learn.md",
        hints=Hints(failure="f", concept="c", read="r"),
    )


def test_a_grader_in_a_module_of_its_months_topics_is_found_with_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m07_extra.py").write_text(
        "from aieng.learn.grader import Case, Grader, Output\n"
        "GRADERS = {'m07.x': Grader(('a',), (Output('y', 'json'),), lambda: [Case('c', (1,))])}\n"
    )
    monkeypatch.setattr(graders, "__path__", [*graders.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "aieng.learn.graders.m07_extra", raising=False)
    grader, path = grader_for(_exercise("m07_extra/ex1_x.py"))
    assert path == tmp_path / "m07_extra.py" and grader.params == ("a",)  # keys its cached cases
    with pytest.raises(
        ConfigError, match=r"m08\.x has no grader module aieng\.learn\.graders\.m08"
    ):
        grader_for(_exercise("m08_other/ex1_x.py"))


def test_a_nan_argument_is_not_taken_for_a_modified_input(tmp_path: Path) -> None:
    # NaN is not equal to itself, so comparing an input with its copy by == alone would accuse
    # every function given a bare NaN of changing it; a float cannot be changed at all.
    answer = tmp_path / "answer.py"
    answer.write_text("def f(x, xs):\n    xs.append(x)\n    return 0\n")
    outcome = run_cases(answer, "f", [(float("nan"), [])], time_limit_s=10, memory_limit_mb=512)
    assert outcome.status == "ran"
    assert outcome.results[0]["mutated"] == [1]  # the list was changed, the NaN was not


def test_the_warm_up_comes_first_and_start_without_an_id_starts_it(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIENG_WORKSPACE", str(tmp_path / "ws"))
    ids = [e.id for e in manifest.load().exercises]
    assert ids[0] == "m01.warmup-values" and ids.index("m01.warmup-files") < ids.index(
        "m01.parse-numbers"
    )  # plain Python first, then month 1's cleaning
    code, out, _ = cli("learn")
    assert code == 0 and "Next: m01.warmup-values — `aieng learn start m01.warmup-values`" in out
    code, out, _ = cli("learn", "start")  # no id: the first exercise not done or skipped
    assert code == 0 and "Started m01.warmup-values" in out
    assert (tmp_path / "ws" / "m01_warmup" / "ex1_values.py").is_file()
    cli("progress", "mark", "m01.warmup-values", "done")
    code, out, _ = cli("learn", "start")
    assert code == 0 and "Started m01.warmup-plural" in out

    for exercise in ids:  # every one done or skipped: nothing to start, and it says what to do
        cli("progress", "mark", exercise, "skipped")
    code, _, err = cli("learn", "start")
    assert code == 2 and "every exercise is done or skipped" in err and "aieng quiz" in err
