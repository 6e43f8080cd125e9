"""Plain-word insights, generated from the statistics, each sentence carrying its numbers.

Every function takes an :class:`~aieng.explore.analysis.Exploration` and returns sentences; none
computes a statistic of its own, so a sentence can never disagree with the table beside it.
Thresholds that turn numbers into words are named constants, stated here once:
"""

from __future__ import annotations

import math

from aieng.explore.analysis import Exploration
from aieng.explore.bias import BiasResult
from aieng.explore.profile import ColumnProfile
from aieng.explore.target import MI_MIN_ROWS

SKEW_WORDS = ((0.1, "roughly symmetric"), (0.5, "slightly"), (1.0, "moderately"))  # else strongly
STRONG_ASSOCIATION = 0.5  # pairs above this on the 0..1 scale are called "strongly associated"
OUTLIER_SHARE = 0.01  # columns with more than 1 % of values beyond Tukey's fences are mentioned
SMALL_GROUP = 30  # a sensitive group smaller than this gets a warning about its wide interval


def pct(x: float) -> str:
    """A share as a percentage (``0.4271`` -> ``'42.7%'``; below 1 %, two significant digits)."""
    return f"{100 * x:.2g}%" if 0 < abs(x) < 0.01 else f"{100 * x:.1f}%"


def num(x: float) -> str:
    """A number with 3 significant digits and thousands separators."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def _size(n_bytes: int) -> str:
    if n_bytes >= 2**20:
        return f"{n_bytes / 2**20:.1f} MiB"
    return f"{n_bytes / 1024:.0f} KiB" if n_bytes >= 1024 else f"{n_bytes} bytes"


def skew_phrase(skew: float) -> str:
    """``0.24`` -> ``'slightly right-skewed'``; ``-1.3`` -> ``'strongly left-skewed'``."""
    if abs(skew) < SKEW_WORDS[0][0]:
        return SKEW_WORDS[0][1]
    word = next((w for limit, w in SKEW_WORDS[1:] if abs(skew) < limit), "strongly")
    side = "right" if skew > 0 else "left"
    return f"{word} {side}-skewed"


def column_insights(ex: Exploration) -> list[str]:
    """Findings about single columns: empty, constant, ids, skew, outliers, gaps."""
    n = ex.overview.n_rows
    out = []
    for name, p in ex.profiles.items():
        out.extend(_one_column(name, p, n))
    return out


def _one_column(name: str, p: ColumnProfile, n: int) -> list[str]:
    if p.kind == "empty":
        return [f"`{name}` is missing in all {n:,} rows: it carries no information."]
    if p.kind == "constant":
        return [
            f"`{name}` has a single value ({p.top_values[0][0]!r}) in every row that has one: "
            "it cannot separate anything."
        ]
    out = []
    if p.kind == "text":
        out.append(
            f"`{name}` has {p.n_distinct:,} distinct text values for {n - p.n_missing:,} "
            "rows: an id or free text, left out of correlations."
        )
    if p.numeric is not None and not math.isnan(p.numeric.skew):
        s = p.numeric
        out.append(
            f"`{name}` is {skew_phrase(s.skew)} (skew {s.skew:.2f}): median {num(s.median)}, "
            f"mean {num(s.mean)}, range {num(s.minimum)} to {num(s.maximum)}."
        )
        if s.n_outliers > OUTLIER_SHARE * (n - p.n_missing):
            out.append(
                f"`{name}` has {s.n_outliers:,} outliers "
                f"({pct(s.n_outliers / (n - p.n_missing))}) outside Tukey's fences "
                f"[{num(s.low_fence)}, {num(s.high_fence)}]."
            )
    if p.n_missing:
        out.append(
            f"`{name}` is missing in {p.n_missing:,} of {n:,} rows ({pct(p.n_missing / n)})."
        )
    return out


def overview_insights(ex: Exploration) -> list[str]:
    """Size, gaps and duplicates of the whole table."""
    o = ex.overview
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(o.kinds.items()))
    out = [
        f"{o.n_rows:,} rows × {o.n_columns} columns ({kinds}); {_size(o.memory_bytes)} in memory."
    ]
    gappy = sum(1 for p in ex.profiles.values() if p.n_missing)
    if o.n_missing_cells:
        out.append(
            f"{o.n_missing_cells:,} cells are missing ({pct(o.missing_share)} of all), "
            f"in {gappy} of {o.n_columns} columns."
        )
    else:
        out.append("No cell is missing.")
    if o.n_duplicate_rows:
        out.append(
            f"{o.n_duplicate_rows:,} rows ({pct(o.n_duplicate_rows / o.n_rows)}) repeat an "
            "earlier row exactly: true repeats, or rows without an id column to tell apart."
        )
    return out


def wide_table_insights(ex: Exploration) -> list[str]:
    """What a wide table's report leaves out to bound the work (nothing for a narrow table)."""
    assoc = ex.associations
    if not assoc.skipped:
        return []
    paired, total = len(assoc.mixed), len(assoc.mixed) + len(assoc.skipped)
    covered = "pairwise associations" + (" and target rates per level" if ex.features else "")
    return [
        f"Wide table: {total:,} analysable columns would make {total * (total - 1) // 2:,} "
        f"pairs, so the {covered} cover {paired} columns, chosen by {ex.paired_rule}; the other "
        f"{len(assoc.skipped):,} are left out of them (every column keeps its own statistics)."
    ]


def correlation_insights(ex: Exploration, k: int = 4) -> list[str]:
    """The strongest associations, and what was left out of the matrices."""
    assoc = ex.associations
    out = []
    for a, b, value in assoc.strongest_pairs(k, threshold=STRONG_ASSOCIATION):
        how = assoc.statistic(a, b)
        if how.startswith("|Spearman"):
            how, value = "Spearman ρ", assoc.value(assoc.spearman, a, b)
        out.append(
            f"`{a}` and `{b}` are strongly associated ({how} {value:.2f}): "
            "one carries much of the other's information."
        )
    if not out:
        out.append(f"No pair of columns is strongly associated (all below {STRONG_ASSOCIATION}).")
    out += wide_table_insights(ex)
    for name, reason in assoc.excluded.items():
        out.append(f"`{name}` is left out of the correlations: {reason}.")
    return out


def target_insights(ex: Exploration, k: int = 3) -> list[str]:
    """Balance, the most telling features, and how the target moves with them."""
    spec = ex.target
    if spec is None:
        return []
    out = []
    what = f"{spec.name} = {spec.positive}" if spec.task == "classification" else spec.name
    if spec.task == "classification" and not ex.balance.empty:
        total = int(ex.balance.sum())
        positives = int(ex.balance.get(spec.positive, 0))
        out.append(
            f"{pct(positives / total)} of rows have {what} ({positives:,} of {total:,}; "
            f"{len(spec.classes)} classes; positive class: {spec.source_phrase})."
        )
    if not ex.mutual_information.empty:
        top = ex.mutual_information.index[0]
        after = ", ".join(f"`{f}` ({v:.3f})" for f, v in ex.mutual_information.iloc[1:3].items())
        out.append(
            f"`{top}` tells the most about `{spec.name}` (mutual information "
            f"{ex.mutual_information.iloc[0]:.3f} nats)" + (f", then {after}." if after else ".")
        )
    elif ex.features:
        labelled = ex.overview.n_rows - ex.profiles[spec.name].n_missing
        out.append(
            f"Mutual information is not estimated: {labelled} rows have a target; the estimate "
            f"needs at least {MI_MIN_ROWS}, and a class or level with at least two rows."
        )
    by_name = {f.feature: f for f in ex.features}
    rate = "at" if spec.task == "classification" else "with a mean of"
    for name in ex.mutual_information.index[:k]:
        ends = by_name[name].extremes
        if ends is None:
            continue
        hi, lo = ends
        value = pct if spec.task == "classification" else num
        sign = (
            "in" if by_name[name].binned and "(missing)" not in (hi["level"], lo["level"]) else "="
        )
        out.append(
            f"Rows with `{name}` {sign} {hi['level']} have {what} {rate} {value(hi['rate'])} "
            f"vs {value(lo['rate'])} for `{name}` {sign} {lo['level']} "
            f"({int(hi['rows']):,} and {int(lo['rows']):,} rows)."
        )
    return out


def bias_insights(ex: Exploration) -> list[str]:
    """Per sensitive attribute: its largest disparity with intervals, small groups, proxies."""
    out = []
    for b in ex.bias:
        out.extend(_one_attribute(ex, b))
    return out


def _one_attribute(ex: Exploration, b: BiasResult) -> list[str]:
    spec = ex.target
    out = []
    small = [(g, n) for g, n in b.sizes if n < SMALL_GROUP]
    if small:
        out.append(
            f"`{b.attribute}` has small groups ({', '.join(f'{g}: {n}' for g, n in small)} "
            "rows): their credible intervals are wide; do not read much into their rates."
        )
    d = b.disparity
    if d is not None and spec is not None:
        value = pct if spec.task == "classification" else num
        unit = " points" if spec.task == "classification" else ""
        diff = (lambda x: f"{100 * x:.1f}") if spec.task == "classification" else num
        what = f"{spec.name} = {spec.positive}" if spec.task == "classification" else spec.name
        out.append(
            f"{what} is {value(d.high.observed)} for `{b.attribute}` = {d.high.group} "
            f"(95% credible interval {value(d.high.low)}–{value(d.high.high)}, "
            f"{d.high.rows:,} rows) vs {value(d.low.observed)} for {d.low.group} "
            f"({value(d.low.low)}–{value(d.low.high)}, {d.low.rows:,} rows): "
            f"a gap of {diff(d.difference)}{unit} (95% interval "
            f"{diff(d.difference_interval[0])} to {diff(d.difference_interval[1])}), "
            f"P(higher) {_prob(d.prob_higher)}."
            + (
                " The interval includes 0: no clear disparity."
                if d.difference_interval[0] <= 0 <= d.difference_interval[1]
                else ""
            )
        )
    if b.proxies:
        f, v, how = b.proxies[0]
        skipped = ex.associations.skipped  # a wide table: proxies come from the paired columns
        among = (
            f" among the {len(ex.associations.mixed)} paired columns (the other "
            f"{len(skipped):,} were not checked)"
            if skipped
            else ""
        )
        out.append(
            f"The strongest proxy for `{b.attribute}`{among} is `{f}` ({how} {v:.2f})"
            + (
                ": dropping the attribute would not hide it."
                if v >= 0.2
                else "; no feature is a strong stand-in for it."
            )
        )
    return out


def _prob(p: float) -> str:
    # Monte Carlo with MC_DRAWS draws cannot resolve probabilities closer to 0 or 1 than this.
    return "> 0.999" if p > 0.999 else "< 0.001" if p < 0.001 else f"= {p:.3f}"


def key_insights(ex: Exploration) -> list[str]:
    """The handful of sentences for the top of the report."""
    out = overview_insights(ex)[:2]
    out += wide_table_insights(ex)
    out += target_insights(ex)[:3]
    out += [s for s in bias_insights(ex) if "credible interval" in s]
    out += correlation_insights(ex)[:1]
    return out
