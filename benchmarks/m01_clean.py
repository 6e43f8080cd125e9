"""Month 1 benchmark: `aieng clean` beside a plain pandas script doing the same steps.

Generates one messy CSV (1,000,000 rows by default: padded and misspelled categories, numbers with
currency signs and thousands separators, yes/no spellings, dates in four formats, missing tokens,
outliers, 1 % duplicate rows), then cleans it twice in one run, each in a fresh process:

* ``aieng clean``: read (encoding and delimiter detected) → every step inferred from the data →
  write CSV + change log + flags, exactly as the command does;
* a hand-written pandas script that already *knows* the schema (which column is a number, a
  flag, a date, a category), so it skips the inference and the change log.

Prints wall time and the peak resident memory each run adds to its process (VmHWM: pandas keeps
strings in Arrow buffers that tracemalloc does not see), and the ratios aieng / pandas.

    .venv/bin/python benchmarks/m01_clean.py [--rows 1000000] [--repeats 3] [--keep]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

TOKENS = np.array(["NA", "n/a", "", "null", "-", "?"])
PLANS = np.array(["Basic", "Standard", "Premium", "Family"])
CITIES = np.array([f"City {i:02d}" for i in range(40)])


def make_messy(rows: int, path: Path, seed: int = 0) -> None:
    """Write a messy CSV of ``rows`` rows (plus 1 % duplicates) to ``path``."""
    rng = np.random.default_rng(seed)
    amount = np.round(rng.lognormal(4, 1, rows), 2)
    amount_txt = amount.astype(str).astype(object)
    big = amount >= 1000
    amount_txt[big] = [f"{v:,.2f}" for v in amount[big]]
    dollar = rng.random(rows) < 0.05
    amount_txt[dollar] = "$" + amount_txt[dollar]
    outlier = rng.random(rows) < 0.002
    amount_txt[outlier] = (amount[outlier] * 1000).round(2).astype(str)
    flags = np.array(["yes", "no", "Y", "N", "true", "false", "1", "0"])
    plan = PLANS[rng.integers(0, len(PLANS), rows)].astype(object)
    variant = rng.random(rows)
    plan[variant < 0.03] = np.char.lower(plan[variant < 0.03].astype(str))
    plan[(variant >= 0.03) & (variant < 0.05)] = " " + plan[(variant >= 0.03) & (variant < 0.05)]
    plan[(variant >= 0.05) & (variant < 0.055)] = "Premum"
    days = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3000, rows), unit="D")
    formats = ["%Y-%m-%d", "%d/%m/%Y", "%b %d, %Y", "%Y/%m/%d"]
    which = rng.integers(0, len(formats), rows)
    date = np.empty(rows, dtype=object)
    for i, fmt in enumerate(formats):
        date[which == i] = days[which == i].strftime(fmt)
    frame = pd.DataFrame(
        {
            "Order ID": np.arange(rows),
            "Customer Code": [f"{v:06d}" for v in rng.integers(0, 999_999, rows)],
            "Amount": amount_txt,
            "Paid": flags[rng.integers(0, len(flags), rows)],
            "Order Date": date,
            "Plan": plan,
            "City": CITIES[rng.integers(0, len(CITIES), rows)],
            "Score": np.round(rng.normal(50, 10, rows), 1).astype(str),
        }
    )
    for col in ("Amount", "Paid", "Plan", "Score"):
        gaps = rng.random(rows) < 0.03
        frame.loc[gaps, col] = TOKENS[rng.integers(0, len(TOKENS), int(gaps.sum()))]
    copies = frame.sample(frac=0.01, random_state=seed)
    frame = pd.concat([frame, copies]).sample(frac=1.0, random_state=seed)
    frame.to_csv(path, index=False)


def run_aieng(source: Path, out: Path) -> None:
    from aieng.clean.files import clean_file

    clean_file(source, out, overwrite=True)


def run_pandas(source: Path, out: Path) -> None:
    """The same steps by hand, for a schema known in advance."""
    df = pd.read_csv(source, dtype=str, keep_default_na=False)
    df.columns = [c.strip().lower().replace(" ", "_") for c in df.columns]
    tokens = {"", "na", "n/a", "null", "-", "?"}
    for col in df.columns:
        df[col] = df[col].str.strip()
        df[col] = df[col].mask(df[col].str.lower().isin(tokens))
    amount = df["amount"].str.replace(r"[$,]", "", regex=True)
    df["amount"] = pd.to_numeric(amount, errors="coerce")
    df["score"] = pd.to_numeric(df["score"], errors="coerce")
    df["order_id"] = pd.to_numeric(df["order_id"])
    truthy = {"yes": True, "y": True, "true": True, "1": True}
    falsy = {"no": False, "n": False, "false": False, "0": False}
    df["paid"] = df["paid"].str.lower().map({**truthy, **falsy}).astype("boolean")
    parsed = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%b %d, %Y", "%Y/%m/%d"):
        todo = parsed.isna()
        parsed[todo] = pd.to_datetime(df.loc[todo, "order_date"], format=fmt, errors="coerce")
    df["order_date"] = parsed.dt.strftime("%Y-%m-%d")
    for col in ("plan", "city"):
        key = df[col].str.lower()
        canonical = df.groupby(key)[col].agg(lambda s: s.value_counts().index[0])
        df[col] = key.map(canonical)
    df["plan"] = df["plan"].replace({"Premum": "Premium"})
    df = df.drop_duplicates()
    for col in ("amount", "score"):
        x = df[col]
        mad = 1.4826 * (x - x.median()).abs().median()
        df[col + "_outlier"] = ((x - x.median()).abs() / mad) > 3.5
        df[col + "_was_missing"] = x.isna()
        df[col] = x.fillna(x.median())
    for col in ("paid", "plan"):
        df[col + "_was_missing"] = df[col].isna()
        df[col] = df[col].fillna(df[col].mode().iloc[0])
    df.to_csv(out, index=False)


def peak_mib() -> float:
    """This process's peak resident memory in MiB.

    Linux's VmHWM belongs to the running program, so a spawned child does not inherit its
    parent's peak (ru_maxrss survives exec and would); elsewhere fall back to ru_maxrss.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(which: str, source: str, out: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    if which == "generate":
        make_messy(int(out), Path(source))
        queue.put((0.0, peak_mib()))
        return
    if which == "aieng":
        import aieng.clean.files  # noqa: F401  (imports are not the run's memory)
    baseline = peak_mib()  # the interpreter and imports, before any data
    start = time.perf_counter()
    (run_aieng if which == "aieng" else run_pandas)(Path(source), Path(out))
    seconds = time.perf_counter() - start
    queue.put((seconds, peak_mib() - baseline))


def measure(which: str, source: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one run, in a fresh process."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(which, str(source), str(out), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each; medians shown")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aieng-m01-bench-"))
    try:
        source = work / "messy.csv"
        start = time.perf_counter()
        measure("generate", source, Path(str(args.rows)))  # in a child: the parent stays small
        size = source.stat().st_size / 2**20
        print(
            f"{args.rows:,} rows (+1 % duplicates), {size:.0f} MiB CSV, generated in "
            f"{time.perf_counter() - start:.0f} s; median of {args.repeats} runs each; "
            f"{platform.processor() or platform.machine()}, "
            f"pandas {pd.__version__}, NumPy {np.__version__}"
        )
        names = {
            "aieng": "aieng clean (inferred, logged)",
            "pandas": "pandas script (schema known)",
        }
        runs: dict[str, list[tuple[float, float]]] = {key: [] for key in names}
        for i in range(args.repeats):
            # Alternate the order, so a busy neighbour on a shared machine hits both alike.
            for key in ("aieng", "pandas") if i % 2 == 0 else ("pandas", "aieng"):
                runs[key].append(measure(key, source, work / f"{key}.csv"))
        results = {
            names[key]: (
                statistics.median(s for s, _ in values),
                statistics.median(m for _, m in values),
            )
            for key, values in runs.items()
        }
        base_s, base_mb = results["pandas script (schema known)"]
        print(f"{'run':<32}{'seconds':>9}{'× pandas':>10}{'peak MiB':>10}{'× pandas':>10}")
        for name, (seconds, peak) in results.items():
            print(
                f"{name:<32}{seconds:>9.1f}{seconds / base_s:>10.2f}{peak:>10.0f}"
                f"{peak / base_mb:>10.2f}"
            )
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
