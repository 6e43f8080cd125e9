"""Bias: how the target differs between the groups of a sensitive attribute, with honest error bars.

A group of 40 people with 10 positives has an observed rate of 25 %, but the *true* rate could
plausibly be anywhere from 13 % to 40 %. Bayesian thinking makes that explicit. Each row of a
group is a coin flip with an unknown rate p (a Bernoulli random variable), so the number of
positives k among n rows is Binomial(n, p). Start from a prior belief about p — here Jeffreys'
Beta(½, ½), the standard "know nothing" prior for a rate (``prior="uniform"`` gives Beta(1, 1)) —
and the Beta distribution is *conjugate*: the posterior is again a Beta,

    p | k, n  ~  Beta(α + k, β + n − k)

whose 2.5 % and 97.5 % quantiles (``scipy.stats.beta.ppf``) bound the 95 % credible interval:
given the data and the prior, p lies inside with probability 0.95.

A disparity between two groups is a function of two independent posteriors, so we draw from both
(Monte Carlo) and read the difference, the ratio and P(rate_high > rate_low) off the draws.

A numeric target gets a mean per group instead; under the non-informative prior on (μ, σ) its
posterior is Student's t with n − 1 degrees of freedom around the sample mean, scale s/√n.

*Proxies* are the features most associated with a sensitive attribute: dropping the attribute from
a model does not remove it if, say, the payment method predicts age.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from aieng.explore.associations import Associations
from aieng.explore.profile import ColumnProfile, as_labels, as_numbers
from aieng.explore.target import bin_names

PRIORS: dict[str, tuple[float, float]] = {"jeffreys": (0.5, 0.5), "uniform": (1.0, 1.0)}
Prior = Literal["jeffreys", "uniform"]
MIN_GROUP = 10  # smaller groups are shown, but not chosen as the extremes of a disparity
MAX_GROUPS = 20  # more levels than this: the largest are kept, the rest pooled as "(other)"
MC_DRAWS = 20_000  # Monte Carlo draws per group: interval ends stable to ~0.3 percentage points


def beta_posterior(positives: int, rows: int, prior: Prior = "jeffreys") -> tuple[float, float]:
    """Parameters (α, β) of the Beta posterior of a rate after ``positives`` of ``rows``."""
    a0, b0 = PRIORS[prior]
    return a0 + positives, b0 + rows - positives


def credible_interval(a: float, b: float, level: float = 0.95) -> tuple[float, float]:
    """Equal-tailed credible interval of Beta(a, b): its (1−level)/2 and (1+level)/2 quantiles."""
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)


@dataclass(frozen=True)
class GroupRate:
    """The target rate (or mean) of one group, with its posterior and credible interval."""

    group: str
    rows: int
    observed: float  # k / n (or the sample mean)
    posterior_mean: float
    low: float  # credible interval
    high: float
    posterior: tuple[str, float, float, float]  # ("beta", α, β, 0) or ("t", df, loc, scale)

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws from this group's posterior."""
        family, p1, p2, p3 = self.posterior
        if family == "beta":
            return rng.beta(p1, p2, size)
        return p2 + p3 * rng.standard_t(p1, size)


@dataclass(frozen=True)
class Disparity:
    """The gap between the highest- and lowest-rate groups, with 95 % intervals from draws."""

    high: GroupRate
    low: GroupRate
    difference: float  # observed rate_high − rate_low (the interval comes from the posterior)
    difference_interval: tuple[float, float]
    ratio: float  # observed rate_high / rate_low (inf when the low rate is 0)
    ratio_interval: tuple[float, float]
    prob_higher: float  # P(rate_high > rate_low | data)


@dataclass(frozen=True)
class BiasResult:
    """Everything the report says about one sensitive attribute."""

    attribute: str
    sizes: tuple[tuple[str, int], ...]  # (group, rows), largest first
    groups: tuple[GroupRate, ...]  # target rate per group; () when there is no target
    disparity: Disparity | None  # None with fewer than two groups of MIN_GROUP rows
    proxies: tuple[
        tuple[str, float, str], ...
    ]  # (feature, association, statistic), strongest first
    note: str  # how the groups were formed, if not one per value


def group_labels(series: pd.Series, profile: ColumnProfile) -> tuple[pd.Series, str]:
    """One text label per row: the value, a quartile for many numbers, '(missing)' for gaps."""
    note = ""
    if profile.kind == "numeric" and profile.n_distinct > MAX_GROUPS:
        values = as_numbers(series)
        cut = pd.qcut(values, q=4, duplicates="drop")
        labels = as_labels(cut.cat.rename_categories(bin_names(values, cut)))
        note = "numeric attribute: grouped into quartiles"
    else:
        labels = as_labels(series)
    labels = labels.fillna("(missing)")
    counts = labels.value_counts()
    if len(counts) > MAX_GROUPS:
        keep = set(counts.index[: MAX_GROUPS - 1])
        labels = labels.where(labels.isin(keep), "(other)")
        note = (
            f"{len(counts)} values: the {MAX_GROUPS - 1} largest kept, the rest pooled as (other)"
        )
    return labels, note


def group_rates(
    labels: pd.Series,
    outcome: pd.Series,
    *,
    binary: bool,
    prior: Prior = "jeffreys",
    level: float = 0.95,
) -> tuple[GroupRate, ...]:
    """Posterior rate (``binary``) or mean of ``outcome`` per label (rows without one dropped)."""
    out = []
    present = outcome.notna()
    for group, values in outcome[present].groupby(labels[present], sort=True):
        y = values.to_numpy(dtype=float)  # (n_rows_in_group,)
        n = len(y)
        if binary:
            k = int(y.sum())
            a, b = beta_posterior(k, n, prior)
            lo, hi = credible_interval(a, b, level)
            out.append(GroupRate(str(group), n, k / n, a / (a + b), lo, hi, ("beta", a, b, 0.0)))
        elif n >= 2:
            scale = float(y.std(ddof=1) / np.sqrt(n))
            lo, hi = stats.t.ppf(
                [(1 - level) / 2, (1 + level) / 2], n - 1, y.mean(), scale or 1e-12
            )
            posterior = ("t", float(n - 1), float(y.mean()), scale)
            out.append(GroupRate(str(group), n, y.mean(), y.mean(), lo, hi, posterior))
    return tuple(out)


def disparity(
    groups: tuple[GroupRate, ...], *, seed: int = 0, level: float = 0.95
) -> Disparity | None:
    """Highest vs lowest posterior mean among groups of at least MIN_GROUP rows (Monte Carlo)."""
    big = [g for g in groups if g.rows >= MIN_GROUP]
    if len(big) < 2:
        return None
    high = max(big, key=lambda g: g.posterior_mean)
    low = min(big, key=lambda g: g.posterior_mean)
    rng = np.random.default_rng(seed)
    draws_high, draws_low = high.draw(rng, MC_DRAWS), low.draw(rng, MC_DRAWS)
    diff = draws_high - draws_low
    tails = [(1 - level) / 2, (1 + level) / 2]
    d_lo, d_hi = np.quantile(diff, tails)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = draws_high / draws_low
    r_lo, r_hi = np.quantile(ratio, tails)
    return Disparity(
        high=high,
        low=low,
        difference=high.observed - low.observed,
        difference_interval=(float(d_lo), float(d_hi)),
        ratio=high.observed / low.observed if low.observed else float("inf"),
        ratio_interval=(float(r_lo), float(r_hi)),
        prob_higher=float((diff > 0).mean()),
    )


def proxies(
    attribute: str, assoc: Associations, *, exclude: set[str], k: int = 5
) -> tuple[tuple[str, float, str], ...]:
    """The ``k`` features most associated with ``attribute`` (from the mixed matrix)."""
    if attribute not in assoc.mixed.columns:
        return ()
    column = assoc.mixed[attribute].drop(labels=[attribute, *exclude], errors="ignore").dropna()
    top = column.sort_values(ascending=False).iloc[:k]
    return tuple((str(f), float(v), assoc.statistic(str(f), attribute)) for f, v in top.items())


def bias_for(
    frame: pd.DataFrame,
    attribute: str,
    profile: ColumnProfile,
    outcome: pd.Series | None,
    assoc: Associations,
    *,
    binary: bool,
    exclude: set[str],
    prior: Prior = "jeffreys",
    seed: int = 0,
) -> BiasResult:
    """Group sizes, posterior rates, the largest disparity and the proxies of one attribute."""
    labels, note = group_labels(frame[attribute], profile)
    sizes = tuple((str(g), int(n)) for g, n in labels.value_counts().items())
    groups = () if outcome is None else group_rates(labels, outcome, binary=binary, prior=prior)
    return BiasResult(
        attribute=attribute,
        sizes=sizes,
        groups=groups,
        disparity=disparity(groups, seed=seed),
        proxies=proxies(attribute, assoc, exclude=exclude),
        note=note,
    )
