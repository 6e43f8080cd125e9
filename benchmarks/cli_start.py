"""Start-up benchmark: how long ``aieng`` takes before it does anything, beside bare Python.

Each run is a fresh process, timed from the outside: ``python -c pass`` (the floor no Python
program can go under), ``python -m aieng --help`` (every command listed), ``--version`` (the
root app alone) and ``clean --help`` (one command built). The target is ``aieng --help`` in
≤ 0.25 s. The commands run in turn, round after round, so a slow spell on a shared machine
slows all four alike; the ratio to ``python -c pass`` is taken within each round, then the
median. Wall and CPU seconds (user + sys): on a machine shared with other work, the wall time is
the noisy one. Run it with ``PYTHONPATH=other/src`` to time another copy of aieng.

    .venv/bin/python benchmarks/cli_start.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = [
    ("python -c pass", ["-c", "pass"]),
    ("python -m aieng --help", ["-m", "aieng", "--help"]),
    ("python -m aieng --version", ["-m", "aieng", "--version"]),
    ("python -m aieng clean --help", ["-m", "aieng", "clean", "--help"]),
]
TARGET = 0.25  # seconds for `aieng --help`, from the issue "Before the second half"


def timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys) of one ``python ARGS`` process, which must exit 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"`python {' '.join(args)}` exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    repeats = parser.parse_args().repeats
    for _, args in COMMANDS:  # warm-up, not counted: compiles .pyc files, fills the page cache
        timed(args)
    wall: dict[str, list[float]] = {name: [] for name, _ in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name, _ in COMMANDS}
    ratio: dict[str, list[float]] = {name: [] for name, _ in COMMANDS}
    for _ in range(repeats):
        round_wall = {}
        for name, args in COMMANDS:
            round_wall[name], seconds = timed(args)
            wall[name].append(round_wall[name])
            cpu[name].append(seconds)
        floor = round_wall[COMMANDS[0][0]]
        for name in round_wall:
            ratio[name].append(round_wall[name] / floor)

    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end, median of {repeats} runs"
    )
    print(f"{'command':<30} {'wall s':>7} {'CPU s':>6} {'× python -c pass':>17}")
    for name, _ in COMMANDS:
        print(
            f"{name:<30} {statistics.median(wall[name]):>7.3f} "
            f"{statistics.median(cpu[name]):>6.3f} {statistics.median(ratio[name]):>17.1f}"
        )
    help_s = statistics.median(wall[COMMANDS[1][0]])
    verdict = "meets" if help_s <= TARGET else "MISSES"
    print(f"`aieng --help` {verdict} the {TARGET} s target ({help_s:.3f} s, median).")


if __name__ == "__main__":
    main()
