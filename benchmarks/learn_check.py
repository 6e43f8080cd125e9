"""Learn-mode benchmark: how long ``aieng check`` takes to answer, as a learner runs it.

Each run is the real command in a fresh process (``aieng check m03.loss``: CLI start-up,
manifest, prepared cases, the sandboxed subprocess, the comparison), timed from the outside.
The target is ≤ 2 s for a NumPy exercise. Reported: ``aieng learn start`` (it prepares and
caches the grader's cases, importing the reference), the first check, then the median of
``--repeats`` checks of a correct answer and of the untouched starter, plus ``aieng --help`` as
the floor of any command on this machine. Wall and CPU seconds (user + sys, child included):
on a machine shared with other work, the wall time is the noisy one.

Then every exercise of the manifest, the same way: ``learn start``, and the median of
``--each`` checks of a right answer a learner wrote (the first ``right*`` file of
tests/learn_answers/<id>/), slowest first. The target holds when the slowest meets it: a harness
that simulates a full disk or a web request costs more than a NumPy comparison.

    .venv/bin/python benchmarks/learn_check.py [--repeats 7] [--each 3] [--only-loss]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

AIENG = [sys.executable, "-m", "aieng"]
REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "tests" / "learn_answers"
TARGET_S = 2.0
# What a learner would write for m03.loss (the benchmark's input, not aieng code).
ANSWER = """import numpy as np


def ridge_loss(w, b, X, y, alpha):
    r = y - X @ w - b
    return (r @ r + alpha * (w @ w)) / (2 * len(y))
"""


CPU: list[float] = []  # CPU seconds (user + sys) of the last command and all its children


def timed(args: list[str], env: dict[str, str], expect: int) -> float:
    """Wall seconds of one ``aieng ARGS`` run; its CPU seconds are appended to ``CPU``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([*AIENG, *args], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if proc.returncode != expect:
        sys.exit(f"`aieng {' '.join(args)}` exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return elapsed


def median_of(
    args: list[str], env: dict[str, str], expect: int, repeats: int
) -> tuple[float, float]:
    """Median wall and median CPU seconds over ``repeats`` runs."""
    CPU.clear()
    wall = [timed(args, env, expect) for _ in range(repeats)]
    return statistics.median(wall), statistics.median(CPU)


def every_exercise(each: int) -> list[tuple[str, float, float]]:
    """(exercise id, median wall s, median CPU s) of checking a right answer, slowest first."""
    from aieng.learn import manifest

    rows = []
    for exercise in manifest.load().exercises:
        right = sorted((ANSWERS / exercise.id).glob("right*"))
        if not right:
            sys.exit(f"no right answer for {exercise.id} in {ANSWERS / exercise.id}")
        tmp = Path(tempfile.mkdtemp(prefix="aieng-bench-"))
        try:
            env = dict(os.environ, AIENG_HOME=str(tmp / "home"), AIENG_WORKSPACE=str(tmp / "ws"))
            timed(["learn", "start", exercise.id], env, expect=0)
            shutil.copy(right[0], tmp / "ws" / exercise.starter)
            wall, cpu = median_of(["check", exercise.id], env, 0, each)
            rows.append((exercise.id, wall, cpu))
            print(f"  {exercise.id:<32} {wall:5.2f} s", file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return sorted(rows, key=lambda row: -row[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--each", type=int, default=3, help="checks per exercise (median)")
    parser.add_argument("--only-loss", action="store_true", help="m03.loss only, not every one")
    args = parser.parse_args()
    repeats = args.repeats
    tmp = Path(tempfile.mkdtemp(prefix="aieng-bench-"))
    try:
        env = dict(os.environ, AIENG_HOME=str(tmp / "home"), AIENG_WORKSPACE=str(tmp / "ws"))
        CPU.clear()
        start = timed(["learn", "start", "m03.loss"], env, expect=0)
        rows = [("aieng learn start m03.loss (prepares the cases, once)", start, CPU[0], 1)]
        mine = tmp / "ws" / "m03_scratch" / "ex1_loss.py"
        starter = mine.read_text()
        mine.write_text(ANSWER)
        CPU.clear()
        first = timed(["check", "m03.loss"], env, expect=0)
        rows.append(("aieng check m03.loss, first check", first, CPU[0], 1))
        wall, cpu = median_of(["check", "m03.loss"], env, 0, repeats)
        rows.append(("aieng check m03.loss, correct answer", wall, cpu, repeats))
        mine.write_text(starter)
        wall, cpu = median_of(["check", "m03.loss"], env, 1, repeats)
        rows.append(("aieng check m03.loss, untouched starter", wall, cpu, repeats))
        wall, cpu = median_of(["--help"], env, 0, repeats)
        rows.append(("aieng --help (start-up floor)", wall, cpu, repeats))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, {os.cpu_count()} CPUs, "
        f"{platform.machine()}, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"{'what':<56} {'wall s':>7} {'CPU s':>6}  runs")
    for name, seconds, cpu, n in rows:
        print(f"{name:<56} {seconds:>7.2f} {cpu:>6.2f}  {n} ({'median' if n > 1 else 'once'})")
    verdict = "meets" if rows[2][1] <= TARGET_S else "MISSES"
    print(f"A check {verdict} the 2 s target ({rows[2][1]:.2f} s, median).")
    if args.only_loss:
        return
    every = every_exercise(args.each)
    print(f"\nEvery exercise, a right answer from tests/learn_answers, median of {args.each}:")
    print(f"{'exercise':<32} {'wall s':>7} {'CPU s':>6}")
    for exercise_id, wall, cpu in every:
        print(f"{exercise_id:<32} {wall:>7.2f} {cpu:>6.2f}")
    slowest = every[0]
    verdict = "meets" if slowest[1] <= TARGET_S else "MISSES"
    print(
        f"The slowest check {verdict} the 2 s target ({slowest[0]}: {slowest[1]:.2f} s, median; "
        f"the median exercise {statistics.median(w for _, w, _ in every):.2f} s)."
    )


if __name__ == "__main__":
    main()
