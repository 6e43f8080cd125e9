"""Month 2 benchmark: `aieng explore` beside ydata-profiling on the same Telco churn file.

Both tools profile one CSV (``aieng data export telco_churn``) in one run, each as a fresh process
from the command line a user would type, so the wall time includes starting Python, importing
the libraries and reading the file. Prints wall time (median of ``--repeats``), peak resident
memory of the process (``wait4``'s ru_maxrss), the size of the HTML report, and what each report
contains, read from the reports themselves (and from ydata-profiling's description object).

ydata-profiling pins older pandas/numpy/matplotlib, so it never enters the project's .venv; it runs
in its own interpreter. Create it once (the same pins installed on this project's machine):

    python3 -m venv benchmarks/.venv-ydata
    benchmarks/.venv-ydata/bin/pip install ydata-profiling==4.18.4

then:

    .venv/bin/python benchmarks/m02_explore.py [--ydata-python PATH] [--repeats 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_YDATA = HERE / ".venv-ydata" / "bin" / "python"

# Run inside the ydata interpreter: profile the CSV, write the report, dump what it computed.
YDATA_SCRIPT = """
import json, sys, warnings
warnings.filterwarnings("ignore")
import pandas as pd
import ydata_profiling
from ydata_profiling import ProfileReport
csv, out, contents = sys.argv[1:4]
report = ProfileReport(pd.read_csv(csv), title="Telco churn", progress_bar=False)
report.to_file(out)
d = report.description_set
alerts = {}
for a in d.alerts:
    name = str(a.alert_type).split(".")[-1].lower()
    alerts[name] = alerts.get(name, 0) + 1
json.dump({
    "version": ydata_profiling.__version__,
    "pandas": pd.__version__,
    "correlations": sorted(d.correlations),
    "missing": sorted(d.missing),
    "alerts": alerts,
    "interactions": sum(len(v) for v in (d.scatter or {}).values()),
    "duplicates": 0 if d.duplicates is None else len(d.duplicates),
    "samples": sorted(s.id for s in (d.sample or [])),
}, open(contents, "w"))
"""


def measure(cmd: list[str], log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MiB) of one process; exit if it fails.

    CPU time (user + system) is reported beside wall time because the machine is shared: other
    processes stretch the wall time, much less the CPU time the tool itself needed.
    """
    with open(log, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{log.read_text()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # maxrss in KiB


def has(*needles: str) -> Callable[[str], str]:
    """A check that names which of ``needles`` a report's HTML contains."""

    def check(html: str) -> str:
        found = [n for n in needles if n.lower() in html.lower()]
        return ", ".join(found) if found else "no"

    return check


def notes(report: str) -> int:
    """How many insight bullets an aieng report holds (items of its ``<ul class="notes">``)."""
    blocks = report.split('<ul class="notes">')[1:]
    return sum(block.split("</ul>")[0].count("<li>") for block in blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ydata-python", type=Path, default=DEFAULT_YDATA)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the CSV and both reports in this folder")
    args = parser.parse_args()
    if not args.ydata_python.exists():
        sys.exit(
            f"no ydata-profiling interpreter at {args.ydata_python}. Create it with:\n"
            "  python3 -m venv benchmarks/.venv-ydata\n"
            "  benchmarks/.venv-ydata/bin/pip install ydata-profiling==4.18.4"
        )
    work = args.keep or Path(tempfile.mkdtemp(prefix="aieng-m02-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv = work / "telco_churn.csv"
    aieng = [sys.executable, "-m", "aieng"]
    subprocess.run(
        [*aieng, "data", "export", "telco_churn", "-o", str(csv), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    ours_html, theirs_html = work / "aieng_explore.html", work / "ydata_profiling.html"
    contents = work / "ydata_contents.json"
    commands = {
        "aieng explore": [
            *aieng,
            "explore",
            str(csv),
            "--target",
            "churn",
            "--positive",
            "Yes",
            "-s",
            "female",
            "-s",
            "senior_citizen",
            "-o",
            str(ours_html),
            "--force",
        ],
        "ydata-profiling": [
            str(args.ydata_python),
            "-c",
            YDATA_SCRIPT,
            str(csv),
            str(theirs_html),
            str(contents),
        ],
    }
    results = {}
    for name, cmd in commands.items():
        runs = [measure(cmd, work / f"{name.replace(' ', '_')}.log") for _ in range(args.repeats)]
        results[name] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            max(r[2] for r in runs),
        )
    sizes = {
        "aieng explore": ours_html.stat().st_size,
        "ydata-profiling": theirs_html.stat().st_size,
    }
    ours, theirs = html.unescape(ours_html.read_text()), html.unescape(theirs_html.read_text())
    yd = json.loads(contents.read_text())

    print(
        f"IBM Telco churn, 7,043 rows × 20 columns, one CSV; median of {args.repeats}; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; "
        f"ydata-profiling {yd['version']} (pandas {yd['pandas']}) in {args.ydata_python}"
    )
    print(f"{'tool':<18}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'report MB':>11}")
    for name, (seconds, cpu, peak) in results.items():
        print(f"{name:<18}{seconds:>8.1f}{cpu:>8.1f}{peak:>10.0f}{sizes[name] / 1e6:>11.2f}")

    alerts = ", ".join(f"{k} {v}" for k, v in sorted(yd["alerts"].items()))
    rows = [
        (
            "correlations",
            has("Pearson", "Spearman", "Cramér's V", "correlation ratio η")(ours),
            ", ".join(yd["correlations"])
            + " (auto: Spearman for two numbers, Cramér's V otherwise, numbers binned)",
        ),
        (
            "missing values",
            has("missing share per column", "missingness matrix")(ours),
            ", ".join(yd["missing"]),
        ),
        (
            "findings / alerts",
            f"{notes(ours)} plain-word sentences with numbers",
            f"{sum(yd['alerts'].values())} alerts ({alerts})",
        ),
        (
            "target analysis",
            has("rate of churn = Yes", "mutual information")(ours),
            has("mutual information", "rate of churn")(theirs),
        ),
        (
            "bias: rate per group, credible interval",
            has("credible interval", "proxies")(ours),
            has("credible interval", "proxies")(theirs),
        ),
        ("interactions (scatter of numeric pairs)", "no", f"{yd['interactions']} scatter plots"),
        ("duplicates", has("duplicate rows")(ours), f"{yd['duplicates']} most frequent shown"),
        ("sample rows", "no", ", ".join(yd["samples"]) or "no"),
    ]
    print(f"\n{'contains':<42}{'aieng explore':<56}ydata-profiling")
    for label, a, b in rows:
        print(f"{label:<42}{a:<56}{b}")
    print(f"\nfiles: {work}")


if __name__ == "__main__":
    main()
