"""Grade a learner's file: run the prepared cases in the sandbox, explain the first failure.

Checks come in the order a learner can act on: the file loads (syntax, imports, the function
exists), the code finishes (time, memory, no crash), then per case — no exception, the rules a
grader's harness checks itself (a stand-in left in place), inputs left alone, no numerical
warnings, the right number and kind of outputs (type, shape, dtype) — and only then the values
against the reference, within the stated tolerance or exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aieng.learn import harnesses
from aieng.learn.cases import Prepared, prepare
from aieng.learn.grader import (
    Case,
    Grader,
    Mismatch,
    compare,
    show_inputs,
    split_outputs,
)
from aieng.learn.manifest import Exercise
from aieng.learn.sandbox import RunOutcome, Sandbox


@dataclass(frozen=True)
class Verdict:
    """The answer ``aieng check`` gives: passed or not, and the lines that say why."""

    passed: bool
    check: str  # the check that failed ("" when passed)
    lines: tuple[str, ...]  # what the learner reads
    cases_passed: int
    cases_total: int


def _verdict(check: str, lines: list[str], passed: int, total: int) -> Verdict:
    return Verdict(False, check, tuple(lines), passed, total)


def _where(record: dict[str, Any]) -> str:
    where = record.get("where")
    return f" at line {where[0]}: {where[1]}" if where else ""


def _setup_failure(
    outcome: RunOutcome, exercise: Exercise, path: Path, total: int
) -> Verdict | None:
    """A file that does not even get to run the cases: syntax, import, missing function."""
    d, function = outcome.detail, exercise.function
    if outcome.status == "unwritten":  # a script or Dockerfile that is still the starter
        return _verdict(
            f"{exercise.subject} is written",
            [
                f"{exercise.subject} is not written yet: {path.name} holds only comments and "
                "blank lines. Write what its comments ask for below them.",
            ],
            0,
            total,
        )
    if outcome.status == "unreadable":
        return _verdict("your file can be read", [f"{d.get('message', path.name)}."], 0, total)
    if outcome.status == "syntax":
        caret = " " * max((d.get("offset") or 1) - 1, 0) + "^"
        return _verdict(
            "your file is valid Python",
            [
                f"{path.name} has a syntax error at line {d.get('line')}: {d.get('message')}",
                f"    {d.get('text', '')}",
                f"    {caret}",
            ],
            0,
            total,
        )
    if outcome.status == "import":
        err = d["error"]
        return _verdict(
            "your file imports",
            [f"importing {path.name} raised {err['type']}: {err['message']}{_where(err)}"],
            0,
            total,
        )
    if outcome.status == "missing":
        found = ", ".join(d.get("defined", [])) or "none"
        return _verdict(
            f"your file defines {function}()",
            [f"{path.name} has no function named {function!r} (functions found: {found})."],
            0,
            total,
        )
    if outcome.status == "not_callable":
        return _verdict(
            f"your file defines {function}()",
            [f"{function} in {path.name} is a {d.get('type')}, not a function."],
            0,
            total,
        )
    return None


def _died(
    outcome: RunOutcome, prepared: Prepared, grader: Grader, limit_mb: int, late: str
) -> Verdict:
    case = prepared[outcome.case][0] if outcome.case is not None else None
    on = [f"on {case.label}:", *show_inputs(grader.params, case.args)] if case else []
    passed = outcome.case or 0
    if outcome.status == "timeout":
        what = (
            f"{late} within {grader.time_limit_s:g} s"
            if case
            else f"importing your file took more than {grader.time_limit_s:g} s"
        )
        lines = [what + " (an endless loop, or far too much work?)", *on]
        return _verdict("finishes in time", lines, passed, len(prepared))
    if outcome.status == "memory":
        lines = [f"your code needed more than the {limit_mb} MiB of memory it may use", *on]
        return _verdict("fits in memory", lines, passed, len(prepared))
    sig = outcome.detail.get("signal")
    how = f"was killed by {sig}" if sig else "exited before reporting back (os._exit or exit())"
    lines = [f"the Python process running your code {how}", *on]
    return _verdict("runs to the end", lines, passed, len(prepared))


def grade_file(
    exercise: Exercise,
    grader: Grader,
    grader_file: Path,
    path: Path,
    *,
    prepared: Prepared | None = None,
    sandbox: Sandbox | None = None,
) -> Verdict:
    """Grade the learner's file ``path`` against the reference on every prepared case.

    ``sandbox``: a child already started on ``path`` (see :class:`Sandbox`), else one is started.
    """
    sandbox = sandbox or Sandbox(path)
    try:
        prepared = prepared if prepared is not None else prepare(exercise, grader, grader_file)
    except BaseException:
        sandbox.close()
        raise
    outcome = sandbox.run(
        exercise.function,
        [case.args for case, _ in prepared],
        time_limit_s=grader.time_limit_s,
        memory_limit_mb=grader.memory_limit_mb,
        harness=None if grader.harness is None else harnesses.name_of(grader.harness),
        answer=exercise.answer,
    )
    total = len(prepared)
    early = _setup_failure(outcome, exercise, path, total)
    if early:
        return early
    if outcome.status in ("timeout", "memory", "crashed"):
        late = "your function did not return" if exercise.function else "your answer did not finish"
        return _died(outcome, prepared, grader, grader.memory_limit_mb, late)
    for index, ((case, expected), record) in enumerate(
        zip(prepared, outcome.results, strict=False)
    ):
        problem = _check_case(grader, exercise.subject, case, expected, record)
        if problem is not None:
            lines = [*problem.lines, f"on {case.label}:"]
            lines += show_inputs(grader.params, case.args)
            if outcome.printed:
                lines.append("your code printed: " + outcome.printed.strip()[:300])
            return _verdict(problem.check, lines, index, total)
    if outcome.status != "ran" or len(outcome.results) < total:  # never a pass by omission
        lines = [f"the sandbox ran {len(outcome.results)} of {total} cases ({outcome.status})"]
        return _verdict("runs to the end", lines, len(outcome.results), total)
    return Verdict(True, "", (f"all {total} cases match the reference.",), total, total)


def _check_case(
    grader: Grader, subject: str, case: Case, expected: Any, record: dict[str, Any]
) -> Mismatch | None:
    """Why one case fails (``subject``: ``"loss()"``, ``"your script"``), or None."""
    if "error" in record:
        err = record["error"]
        if err["type"] == "NotImplementedError":
            return Mismatch(
                f"{subject} is written",
                (f"{subject} is not written yet: it raised NotImplementedError{_where(err)}.",),
            )
        return Mismatch(
            f"{subject} runs without error",
            (f"{subject} raised {err['type']}: {err['message']}{_where(err)}",),
        )
    if "refused" in record:  # the grader's harness saw a rule broken (aieng.learn.harnesses)
        return Mismatch(record["refused"]["check"], tuple(record["refused"]["lines"]))
    if record["mutated"]:
        names = ", ".join(grader.params[i] for i in record["mutated"])
        return Mismatch(
            "does not modify its inputs",
            (
                f"{subject} changed its input {names}: a function must not write into the "
                "arrays it is given (the caller still needs them); work on a copy or build a "
                "new array.",
            ),
        )
    if record["warnings"] and not grader.allow_warnings:
        return Mismatch(
            "runs without numerical warnings",
            (f"NumPy warned while {subject} ran: {'; '.join(record['warnings'])}",),
        )
    if "unpicklable" in record:
        return Mismatch(
            f"returns {grader.returns}",
            (f"{subject} returned a {record['unpicklable']}, not numbers or arrays.",),
        )
    values = split_outputs(grader, record["value"])
    if isinstance(values, Mismatch):
        return values
    wanted = [expected] if len(grader.outputs) == 1 else list(expected)
    for output, got, want in zip(grader.outputs, values, wanted, strict=True):
        problem = compare(output, got, want)
        if problem is not None:
            if grader.explain is not None and problem.check.endswith("matches the reference"):
                extra = grader.explain(case, output.name, got, want)
                if extra:
                    return Mismatch(problem.check, (*problem.lines, extra))
            return problem
    return None
