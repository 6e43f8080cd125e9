"""Graders of month 2 (``aieng.explore``): skewness, Pearson and Spearman, Cramér's V, the
correlation ratio, and a Beta-Binomial credible interval.

Each grader's reference is named in ``exercises/info.toml``; ``adapt`` only reshapes the call
(a Series in, a statistic out; the sibling function of the same module for a second output),
it never re-implements the statistics. Generated cases are drawn where the statistic is
defined: at least 3 values and some spread, contingency tables with every margin positive,
groups whose values vary (some with rows of a missing category, -1). Fixed cases hold the
inputs where a plausible mistake parts from the reference: ties of three for the ranks, tables
taller than wide, values far from 0 for the moments.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]


def _a(*values: Any) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def _sibling(ref: Any, name: str) -> Fn:
    """Another public function of the reference's module (``pearson`` beside ``spearman``)."""
    function: Fn = getattr(sys.modules[ref.__module__], name)
    return function


# ── m02.skewness: aieng.explore.profile.numeric_stats(...).skew ───────────────────────────────


def _sample(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(3, 60))
    kind = int(rng.integers(0, 3))
    if kind == 0:
        x = rng.normal(rng.uniform(-10, 10), rng.uniform(0.5, 5), size=n)
    elif kind == 1:
        x = rng.exponential(rng.uniform(0.5, 20), size=n)  # right tail
    else:
        x = 100 - rng.lognormal(1, 0.8, size=n)  # left tail
    return (np.asarray(x, dtype=np.float64),)


def _skew_reference(numeric_stats: Fn) -> Fn:
    def skewness(x: np.ndarray) -> float:
        import pandas as pd

        return float(numeric_stats(pd.Series(x)).skew)

    return skewness


# ── m02.correlations: pearson and spearman ────────────────────────────────────────────────────


def _paired(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(3, 40))
    x = rng.normal(size=n)
    y = rng.uniform(-1, 1) * x + rng.uniform(0.1, 1) * rng.normal(size=n)
    if rng.random() < 0.3:
        y = np.exp(y)  # monotone but curved: Spearman ≠ Pearson
    if rng.random() < 0.4:
        x = np.round(x)  # ties: average ranks
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return _paired(rng)
    return (np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))


def _correlations_reference(spearman: Fn) -> Fn:
    pearson = _sibling(spearman, "pearson")

    def correlations(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        return pearson(x, y), spearman(x, y)

    return correlations


# ── m02.cramers-v ─────────────────────────────────────────────────────────────────────────────


def _table(rng: np.random.Generator) -> tuple[Any, ...]:
    r, k = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    weights = rng.uniform(0.2, 3, size=(r, k))
    table = rng.poisson(weights * rng.uniform(3, 30)) + 1  # every cell ≥ 1: margins positive
    return (np.asarray(table, dtype=np.float64), bool(rng.random() < 0.6))


def _cramers_reference(cramers_v: Fn) -> Fn:
    def cramers_v_(table: np.ndarray, bias_correction: bool) -> float:
        return float(cramers_v(table, bias_correction=bias_correction))

    return cramers_v_


# ── m02.correlation-ratio ─────────────────────────────────────────────────────────────────────


def _grouped(rng: np.random.Generator) -> tuple[Any, ...]:
    n, g = int(rng.integers(4, 50)), int(rng.integers(2, 5))
    groups = rng.integers(0, g, size=n)
    values = rng.normal(size=n) + rng.uniform(0, 3) * groups
    if rng.random() < 0.3:  # a missing category (-1) in up to a fifth of the rows, never all
        missing = rng.random(n) < rng.uniform(0.05, 0.2)
        missing[: n // 2] = False
        groups[missing] = -1
    return (groups.astype(np.int64), np.asarray(values, dtype=np.float64))


# ── m02.credible-interval: beta_posterior then credible_interval ──────────────────────────────


def _rate(rng: np.random.Generator) -> tuple[Any, ...]:
    rows = int(rng.integers(1, 500))
    positives = int(rng.binomial(rows, rng.uniform(0, 1)))
    return (positives, rows, float(rng.choice([0.8, 0.9, 0.95, 0.99])))


def _interval_reference(credible_interval: Fn) -> Fn:
    beta_posterior = _sibling(credible_interval, "beta_posterior")

    def credible_interval_(positives: int, rows: int, level: float) -> tuple[float, float]:
        a, b = beta_posterior(positives, rows, "jeffreys")
        return credible_interval(a, b, level)  # type: ignore[no-any-return]

    return credible_interval_


GRADERS: dict[str, Grader] = {
    "m02.skewness": Grader(
        params=("x",),
        outputs=(Output("skew", "scalar", rtol=1e-9, atol=1e-9),),
        fixed=lambda: [
            Case("symmetric", (_a(1, 2, 3, 4, 5),)),
            Case("one long right tail", (_a(1, 1, 2, 2, 3, 10),)),
            Case("three values", (_a(0, 1, 5),)),
            Case("a left tail", (_a(-20, 1, 2, 2, 3, 3, 3),)),
            # Far from 0 the raw-moment expansion E[x³] - 3x̄E[x²] + 2x̄³ subtracts numbers near
            # 4.9e27 to find one near 1.4e18: it is off by 4e-7 relative here, while deviations
            # from the mean (what the docstring asks for) agree with the reference to 1e-15.
            Case(
                "sign-up times in seconds since 1970: far from 0",
                (1.7e9 + _a(0, 3600, 7200, 86400, 5 * 86400, 30 * 86400),),
            ),
        ],
        generated=lambda: seeded(_sample),
        n_generated=30,
        adapt=_skew_reference,
    ),
    "m02.correlations": Grader(
        params=("x", "y"),
        outputs=(
            Output("pearson", "scalar", rtol=1e-9, atol=1e-12),
            Output("spearman", "scalar", rtol=1e-9, atol=1e-12),
        ),
        fixed=lambda: [
            Case("a perfect line", (_a(1, 2, 3, 4), _a(3, 5, 7, 9))),
            Case("monotone but curved", (_a(1, 2, 3, 4, 5), _a(1, 4, 9, 16, 100))),
            Case("ties in x", (_a(1, 1, 2, 3, 3), _a(2, 1, 4, 3, 6))),
            # Three equal values: dense or min ranks are no longer a linear function of the average
            # ranks (as they are for the pairs above), and averaging neighbours two at a time fails.
            Case("three-way ties in x and in y", (_a(1, 2, 2, 2, 5, 6), _a(3, 1, 4, 4, 4, 9))),
            Case("going down", (_a(0, 1, 2, 3), _a(5, 3, 2, -1))),
        ],
        generated=lambda: seeded(_paired),
        n_generated=30,
        adapt=_correlations_reference,
    ),
    "m02.cramers-v": Grader(
        params=("table", "bias_correction"),
        outputs=(Output("v", "scalar", rtol=1e-9, atol=1e-12),),
        fixed=lambda: [
            Case("2 × 2, plain", (_a([10, 20], [30, 40]), False)),
            Case("perfect association, plain", (_a([25, 0], [0, 25]), False)),
            Case("2 × 3, plain", (_a([12, 5, 8], [3, 14, 9]), False)),
            Case("2 × 3, bias-corrected", (_a([12, 5, 8], [3, 14, 9]), True)),
            # The same table turned: the smaller side is now the columns, so a denominator taken
            # from the rows alone (right on every wide table) shows here.
            Case("3 × 2 (more rows than columns), plain", (_a([12, 3], [5, 14], [8, 9]), False)),
            Case("3 × 2, bias-corrected", (_a([12, 3], [5, 14], [8, 9]), True)),
            Case("independent: the correction gives 0", (_a([10, 20], [20, 40]), True)),
        ],
        generated=lambda: seeded(_table),
        n_generated=30,
        adapt=_cramers_reference,
    ),
    "m02.correlation-ratio": Grader(
        params=("groups", "values"),
        outputs=(Output("eta", "scalar", rtol=1e-9, atol=1e-12),),
        fixed=lambda: [
            Case(
                "two groups far apart",
                (np.array([0, 0, 0, 1, 1, 1]), _a(1, 2, 3, 11, 12, 13)),
            ),
            Case("same means: 0", (np.array([0, 1, 0, 1]), _a(1, 1, 3, 3))),
            Case("group codes need not be 0..g-1", (np.array([5, 2, 5, 2, 9]), _a(1, 2, 3, 4, 10))),
            Case(
                "values equal within each group: 1", (np.array([3, 3, 7, 7, 7]), _a(2, 2, 9, 9, 9))
            ),
            # -1 is what pandas.factorize writes for a missing category (and aieng's codes use):
            # those rows belong to no group, and not to the overall mean either.
            Case(
                "a missing category (-1) is left out",
                (np.array([0, 0, -1, 1, 1, -1, 1]), _a(1, 2, 40, 5, 6, -30, 7)),
            ),
        ],
        generated=lambda: seeded(_grouped),
        n_generated=30,
    ),
    "m02.credible-interval": Grader(
        params=("positives", "rows", "level"),
        outputs=(
            Output("low", "scalar", rtol=1e-9, atol=1e-12),
            Output("high", "scalar", rtol=1e-9, atol=1e-12),
        ),
        fixed=lambda: [
            Case("30 of 100, 95 %", (30, 100, 0.95)),
            Case("0 of 10: the interval still has width", (0, 10, 0.95)),
            Case("10 of 10", (10, 10, 0.9)),
            Case("1 of 1", (1, 1, 0.95)),
        ],
        generated=lambda: seeded(_rate),
        n_generated=30,
        adapt=_interval_reference,
    ),
}
