"""Month 3 benchmark: our closed-form LinearRegression beside np.linalg.lstsq and scikit-learn.

All three solve the same least-squares problem on the same 1,000,000 × 50 matrix, in one run, so
the ratios compare like with like. Prints median wall time over repeats and peak extra memory
(tracemalloc: NumPy reports its allocations to it) and the ratio to scikit-learn.

    .venv/bin/python benchmarks/m03_least_squares.py [--rows 1000000] [--cols 50] [--repeats 3]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression as SkLinearRegression
from threadpoolctl import threadpool_info

from aieng.scratch import LinearRegression


def measure(fit: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds over ``repeats`` runs, and the peak memory (MiB) of one run."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fit()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fit()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = rng.standard_normal((args.rows, args.cols))  # (n_samples, n_features)
    y = X @ rng.standard_normal(args.cols) + 3.0 + rng.standard_normal(args.rows)

    def lstsq() -> object:
        # The same problem as ours and sklearn's: intercept by centering, then lstsq.
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        return np.linalg.lstsq(Xc, yc, rcond=None)

    candidates: dict[str, Callable[[], object]] = {
        "aieng.scratch (closed form)": lambda: LinearRegression(standardize=False).fit(X, y),
        "aieng.scratch (standardize)": lambda: LinearRegression().fit(X, y),
        "np.linalg.lstsq (centered)": lstsq,
        "sklearn LinearRegression": lambda: SkLinearRegression().fit(X, y),
    }
    results = {name: measure(fit, args.repeats) for name, fit in candidates.items()}
    base = results["sklearn LinearRegression"][0]
    blas = ", ".join(sorted({f"{i['internal_api']} ({i['num_threads']} threads)"
                             for i in threadpool_info()}))
    print(f"{args.rows:,} × {args.cols} float64, median of {args.repeats}; "
          f"{platform.processor() or platform.machine()}, NumPy {np.__version__}, "
          f"scikit-learn {sklearn.__version__}, BLAS: {blas}")
    print(f"{'solver':<30}{'seconds':>10}{'× sklearn':>12}{'peak MiB':>12}")
    for name, (seconds, peak) in results.items():
        print(f"{name:<30}{seconds:>10.3f}{seconds / base:>12.2f}{peak:>12.0f}")


if __name__ == "__main__":
    main()
