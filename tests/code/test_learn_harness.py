"""Exact output kinds and grader-side harnesses: what they compare, what they say, what fools them.

The exact kinds (text, json, bool, tree) must say where two values differ, as the array
comparison does; a harness runs in the sandbox around the learner's function, and a learner's
function that removes the harness's stand-ins (puts ``os.replace`` back, lifts the file size
limit) must be refused, never graded as if the simulation had happened.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from aieng.learn import cases, grading, harnesses, manifest
from aieng.learn.grader import Output, compare
from aieng.learn.graders import grader_for
from aieng.learn.harnesses import TAMPERED, Refused, m01, m06, m10, patched

ATOMIC = manifest.load().get("m01.atomic-write")
CORRECT_WRITE = """
import os, tempfile
from pathlib import Path

def atomic_write(target, text):
    {before}
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        {rename}
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cases.Prepared]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        yield cases.prepare(ATOMIC, *grader_for(ATOMIC))


def _grade(prepared: cases.Prepared, tmp_path: Path, code: str) -> grading.Verdict:
    path = tmp_path / "ex6_atomic_write.py"
    path.write_text(textwrap.dedent(code))
    return grading.grade_file(ATOMIC, *grader_for(ATOMIC), path, prepared=prepared)


def _module(tmp_path: Path, code: str) -> ModuleType:
    """``code`` imported as a module of its own (a learner's file, in this process)."""
    path = tmp_path / "learner_in_process.py"
    path.write_text(textwrap.dedent(code))
    spec = importlib.util.spec_from_file_location("learner_in_process", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["learner_in_process"] = module
    spec.loader.exec_module(module)
    return module


# ── the exact kinds ───────────────────────────────────────────────────────────────────────────


def test_text_is_compared_exactly_and_the_first_difference_is_shown() -> None:
    out = Output("allowed", "text")
    assert compare(out, "an integer from 0 to 120", "an integer from 0 to 120") is None
    problem = compare(out, "an integer from 0.0 to 120.0", "an integer from 0 to 120")
    assert problem is not None and problem.check == "allowed matches the reference"
    assert problem.lines[2] == (
        "they first differ at character 17: expected ' to 120', got '.0 to 120.0' "
        "(after 'an integer from 0')"
    )
    problem = compare(out, b"text", "text")
    assert problem is not None and problem.check == "allowed is text"
    assert problem.lines == ("allowed should be text (a str), got a bytes (b'text').",)


def test_text_on_several_lines_is_diffed_line_by_line_with_line_endings_visible() -> None:
    problem = compare(Output("csv", "text"), "a,b\r\n1,2\r\n", "a,b\n1,2\n")
    assert problem is not None
    assert problem.lines[2:] == (
        "line by line (- expected, + got):",
        "  - 'a,b\\n'",
        "  - '1,2\\n'",
        "  + 'a,b\\r\\n'",
        "  + '1,2\\r\\n'",
    )


def test_json_values_compare_as_json_does() -> None:
    out = Output("cells", "json")
    # tuples are lists, NumPy values their Python selves, 1 == 1.0 (one number type in JSON)
    assert (
        compare(out, ((np.int64(0), "tenure"), [1, "contract"]), [[0, "tenure"], [1, "contract"]])
        is None
    )
    assert compare(out, {"status": 200.0}, {"status": 200}) is None
    problem = compare(Output("churn", "json"), 1, True)  # but a bool is never a number
    assert problem is not None and problem.lines == (  # short: no list of differences
        "expected churn = True",
        "got      churn = 1",
    )
    problem = compare(out, {0: "tenure"}, {"0": "tenure"})
    assert problem is not None and problem.check == "cells is JSON data"
    assert "at cells (the key 0) it holds an int (0)" in problem.lines[0]


def test_json_differences_are_listed_at_their_path() -> None:
    got = {"detail": [{"loc": ["body", "tenure"]}], "extra": 1}
    want = {"detail": [{"loc": ["body", "contract"]}]}
    problem = compare(Output("body", "json"), got, want)
    assert problem is not None
    assert problem.lines[2:] == (
        "differences:",
        "  body has the unexpected key 'extra'",
        "  at body['detail'][0]['loc'][1]: expected 'contract', got 'tenure'",
    )


def test_one_missing_item_is_one_difference_not_every_later_item_shifted() -> None:
    want = [[0, "contract"], [0, "tenure"], [2, "tenure"], [3, "tenure"]]
    got = [[0, "contract"], [2, "tenure"], [3, "tenure"]]
    problem = compare(Output("cells", "json"), got, want)
    assert problem is not None
    assert problem.lines[2:] == (
        "differences:",
        "  cells has 3 items, expected 4",
        "    missing from cells: [0, 'tenure']",
    )


def test_bool_wants_true_or_false() -> None:
    out = Output("passes", "bool")
    assert compare(out, np.True_, True) is None
    problem = compare(out, 1, True)
    assert problem is not None and problem.check == "passes is True or False"
    assert problem.lines == ("passes should be True or False (a bool), got an int (1).",)
    problem = compare(out, False, True)
    assert problem is not None and problem.lines == (
        "expected passes = True",
        "got      passes = False",
    )


def test_a_file_tree_names_missing_unexpected_and_different_files() -> None:
    want = {"reports/report.txt": b"old report\n", "reports/index.html": b"<p>"}
    got = {"reports/report.txt": b"rows ke", "tmp/tmpab12cd": b"rows kept: 12\n"}
    problem = compare(Output("files", "tree"), got, want)
    assert problem is not None and problem.check == "files matches the reference"
    assert problem.lines == (
        "these files differ from the reference's:",
        "  reports/index.html: missing (expected b'<p>' (3 bytes))",
        "  reports/report.txt: expected b'old report\\n' (11 bytes), got b'rows ke' (7 bytes)",
        "  tmp/tmpab12cd: not expected — a file left behind: b'rows kept: 12\\n' (14 bytes)",
    )
    problem = compare(Output("files", "tree"), ["report.txt"], want)
    assert problem is not None and problem.check == "files is a file tree"


# ── the harness mechanism ─────────────────────────────────────────────────────────────────────


def test_a_harness_is_named_so_the_child_can_import_it() -> None:
    name = harnesses.name_of(m01.replace_report)
    assert name == "aieng.learn.harnesses.m01:replace_report"
    assert harnesses.load(name) is m01.replace_report
    with pytest.raises(ValueError, match="module-level function"):
        harnesses.name_of(lambda fn: fn)


def test_patched_swaps_the_learners_aliases_too_and_puts_everything_back(tmp_path: Path) -> None:
    learner = _module(tmp_path, "from os import replace\ndef f():\n    return replace\n")
    real = os.replace

    def stand_in(src: Any, dst: Any) -> None:
        return None

    with patched(learner.f, {(os, "replace"): stand_in}, what="f()"):
        assert os.replace is stand_in and learner.f() is stand_in
    assert os.replace is real and learner.f() is real


def test_a_function_that_removes_a_stand_in_is_refused(tmp_path: Path) -> None:
    # A module-level alias (REAL = os.replace) is swapped with the rest, so putting it back
    # would put back the stand-in; a default argument keeps the real one out of reach.
    learner = _module(tmp_path, "import os\ndef f(real=os.replace):\n    os.replace = real\n")
    real = os.replace
    with pytest.raises(Refused) as info, patched(learner.f, {(os, "replace"): print}, what="f()"):
        learner.f()
    assert info.value.check == TAMPERED
    assert info.value.lines[0].startswith("f() changed os.replace while it was graded")
    assert os.replace is real  # put back all the same


def test_the_atomic_write_harness_simulates_each_trouble_on_the_reference() -> None:
    from aieng.io import atomic_write

    old = {"reports/report.txt": b"old\n"}
    files, error, untouched, within, named = m01.replace_report(
        atomic_write, "new ✓\r\n", "old\n", ""
    )
    assert files == {"reports/report.txt": "new ✓\r\n".encode()} and error == ""
    assert untouched and within and named
    for trouble in (m01.DISK_FULL, m01.RENAME_FAILS):  # nothing left behind, the error goes on
        assert m01.replace_report(atomic_write, "new report\n", "old\n", trouble) == (
            old,
            "OSError",
            True,
            True,
            False,
        )
    assert m01.replace_report(atomic_write, "bad \ud800", "old\n", "")[:2] == (
        old,
        "UnicodeEncodeError",
    )


def test_the_harness_sees_a_rename_made_through_an_alias(tmp_path: Path) -> None:
    code = CORRECT_WRITE.format(before="", rename="replace(name, target)")
    learner = _module(tmp_path, "from os import replace\n" + code)
    files, error, *_ = m01.replace_report(learner.atomic_write, "new\n", "old\n", m01.RENAME_FAILS)
    assert files == {"reports/report.txt": b"old\n"} and error == "OSError"


# ── in the sandbox: a learner cannot switch the simulation off ─────────────────────────────────


def test_a_correct_write_passes_in_the_sandbox(prepared: cases.Prepared, tmp_path: Path) -> None:
    verdict = _grade(
        prepared, tmp_path, CORRECT_WRITE.format(before="", rename="os.replace(name, target)")
    )
    assert verdict.passed, verdict.lines


def test_putting_os_replace_back_is_refused(prepared: cases.Prepared, tmp_path: Path) -> None:
    # Kept out of the harness's reach at import, put back during the call: without the check,
    # the simulated failing rename would not fail.
    code = "KEPT = {'replace': os.replace}\n" + CORRECT_WRITE.format(
        before="os.replace = KEPT['replace']", rename="os.replace(name, target)"
    )
    verdict = _grade(prepared, tmp_path, "import os\n" + code)
    assert not verdict.passed and verdict.check == TAMPERED
    assert verdict.lines[0].startswith("atomic_write() changed os.replace while it was graded")


def test_lifting_the_file_size_limit_is_refused(prepared: cases.Prepared, tmp_path: Path) -> None:
    lift = "resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)"
    code = "import resource\n" + CORRECT_WRITE.format(
        before=lift, rename="os.replace(name, target)"
    )
    verdict = _grade(prepared, tmp_path, code)
    assert not verdict.passed and verdict.check == TAMPERED, verdict.lines
    assert "changed the file size limit" in verdict.lines[0]
    assert "disk fills up half-way" in "\n".join(verdict.lines)


def test_a_fake_installed_at_import_does_not_reach_the_harness(
    prepared: cases.Prepared, tmp_path: Path
) -> None:
    # A rename that never fails, installed before the harness's call: the harness puts its own
    # stand-in over it (which fails the rename on the "rename fails" case), so a file written in
    # place is still caught.
    code = """
    import os
    os.replace = lambda src, dst: None

    def atomic_write(target, text):
        target.write_bytes(text.encode("utf-8"))
        os.replace(target, target)
        return target
    """
    verdict = _grade(prepared, tmp_path, code)
    assert not verdict.passed and verdict.check == "old_file_untouched matches the reference"


def test_what_a_harness_refuses_is_reported_as_its_check(tmp_path: Path) -> None:
    exercise = manifest.load().get("m01.error-classes")
    path = tmp_path / "ex5_error_classes.py"
    path.write_text(
        "class AiengError(Exception):\n"
        "    exit_code = 1\n"
        "    def __init__(self, message, *, hint='', exit_code=None):\n"
        "        super().__init__(message)\n"
        "        self.message, self.hint = message, hint\n"
        "    def __str__(self):\n"
        "        return f'{self.message} ({self.hint})' if self.hint else self.message\n"
    )
    grader, grader_file = grader_for(exercise)
    verdict = grading.grade_file(exercise, grader, grader_file, path)
    assert not verdict.passed and verdict.check == "your file defines UsageError"
    assert verdict.lines[0].startswith("there is no exception class UsageError in your file yet")


# ── months 6 and 10: the other harnesses watch what they say they watch ─────────────────────────


def test_a_secret_reports_plain_comparisons_on_every_route(tmp_path: Path) -> None:
    learner = _module(
        tmp_path,
        """
        import hmac

        def key_status(given, api_keys, admin_key, admin_route):
            if admin_route:
                if hmac.compare_digest(given.encode(), admin_key.encode()):
                    return 200
                return 403 if given in api_keys else 401   # `in`: == on each key
            ok = any([hmac.compare_digest(given.encode(), k.encode()) for k in api_keys])
            return 200 if ok else 401
        """,
    )
    keys = ["key-a-1", "key-b-2"]
    assert m10.key_status(learner.key_status, "key-b-2", keys, "adm", True) == (403, ["=="], True)
    assert m10.key_status(learner.key_status, "key-b-2", keys, "adm", False) == (200, [], True)
    # comparing a key with "" (was one sent?) compares no secret with another
    assert (
        m10.Secret("x") == "x" and m10.key_status(learner.key_status, "", keys, "", False)[1] == []
    )


def test_putting_compare_digest_back_is_refused(tmp_path: Path) -> None:
    learner = _module(
        tmp_path,
        """
        import hmac

        def key_status(given, api_keys, admin_key, admin_route, _real=hmac.compare_digest):
            hmac.compare_digest = _real
            return 200
        """,
    )
    with pytest.raises(Refused, match=TAMPERED):
        m10.key_status(learner.key_status, "k", ["k"], "", False)


def test_hiding_memory_from_tracemalloc_is_refused(tmp_path: Path) -> None:
    learner = _module(
        tmp_path,
        """
        import hashlib, tracemalloc

        def file_digest(path):
            data = path.read_bytes()
            tracemalloc.reset_peak()
            return hashlib.sha256(data).hexdigest()
        """,
    )
    with pytest.raises(Refused) as info:
        m06.hash_file(learner.file_digest, b"0123456789abcdef", 1 << 18)
    assert info.value.lines[0].startswith("file_digest() called tracemalloc.reset_peak()")
    honest = _module(
        tmp_path,
        "import hashlib\ndef f(path):\n    return hashlib.sha256(path.read_bytes()).hexdigest()\n",
    )
    digest, flat = m06.hash_file(honest.f, b"0123456789abcdef", 1 << 18)  # 4 MiB read at once
    assert len(digest) == 64 and not flat
