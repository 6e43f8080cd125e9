"""Segment profiles in plain words: what sets each segment apart, with the numbers.

Every source column becomes one or more *indicators* a person can read: a number keeps its
mean ("tenure"), a yes/no column its share of yes ("partner"), a category one share per level
("contract=Two year"). A segment is then described by the indicators where it differs most from
all customers, in standard deviations of that indicator (a *standardized difference*), so a gap
in months and a gap in percent can be ranked on one scale:

    numbers: (segment mean − overall mean) / overall standard deviation
    shares:  (segment share − overall share) / sqrt(p (1 − p)),  p the overall share

A difference of 0.5 is large (half a standard deviation); below ``MIN_DIFFERENCE`` a trait is
not worth a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from aieng.segment.features import MISSING_LEVEL

MIN_DIFFERENCE = 0.3  # standardized gaps smaller than this are not called a trait
TRAITS = 3  # traits named per segment


@dataclass(frozen=True)
class Indicators:
    """Readable per-row values: ``values`` (n_samples, n_indicators), and which are shares."""

    values: pd.DataFrame
    share: dict[str, bool]  # indicator -> True if a 0/1 share, False if a number's mean


@dataclass(frozen=True)
class SegmentProfile:
    """One segment in numbers and words."""

    number: int  # 1-based, as people count: segment 1 is the largest
    size: int
    share: float  # of all rows
    traits: tuple[str, ...]  # the largest standardized differences, in words with numbers
    target_rate: float | None  # mean or share of the described target in this segment
    description: str  # "Segment 2, 18% of customers (1,281): …; churn = Yes 3% (vs 27%)."


@dataclass(frozen=True)
class Profiles:
    """All segments: the words, and the tables the heatmap and bars are drawn from."""

    segments: tuple[SegmentProfile, ...]
    levels: pd.DataFrame  # (k + 1, n_indicators) mean/share per segment, last row "all"
    differences: pd.DataFrame  # (k, n_indicators) standardized difference from "all"
    target_label: str | None  # e.g. "churn = Yes", or None without a target
    target_rates: np.ndarray | None  # (k,) per segment
    overall_rate: float | None
    described: pd.DataFrame  # (k + 1, n) the --describe columns per segment, last row "all"


def indicators(frame: pd.DataFrame, columns: Sequence[str]) -> Indicators:
    """Numbers as they are, booleans as 0/1, categories as one 0/1 column per level."""
    out: dict[str, pd.Series] = {}
    share: dict[str, bool] = {}
    for name in columns:
        series = frame[name]
        if ptypes.is_bool_dtype(series.dtype):
            out[name] = series.astype("float64")
            share[name] = True
        elif ptypes.is_numeric_dtype(series.dtype):
            out[name] = series.astype("float64").replace([np.inf, -np.inf], np.nan)
            share[name] = False
        else:
            text = series.astype(object).where(series.notna(), MISSING_LEVEL).map(str)
            levels = (
                [str(v) for v in series.cat.categories if (text == str(v)).any()]
                if isinstance(series.dtype, pd.CategoricalDtype)
                else sorted(text.unique())
            )
            levels += [MISSING_LEVEL] if (text == MISSING_LEVEL).any() else []
            for level in levels:
                out[f"{name}={level}"] = (text == level).astype("float64")
                share[f"{name}={level}"] = True
    return Indicators(values=pd.DataFrame(out, index=frame.index), share=share)


def target_indicator(series: pd.Series, positive: str | None = None) -> tuple[pd.Series, str]:
    """The target as one number per row and its label.

    A number is kept (its mean is described); a yes/no column becomes its share of yes; a
    category becomes the share of ``positive`` — by default its rarest level, the usual
    "event" (churned, defaulted, fraud).
    """
    name = str(series.name)
    if ptypes.is_bool_dtype(series.dtype):
        return series.astype("float64"), name
    if ptypes.is_numeric_dtype(series.dtype):
        return series.astype("float64"), f"mean {name}"
    text = series.astype(object).where(series.notna(), MISSING_LEVEL).map(str)
    level = positive if positive is not None else str(text.value_counts().idxmin())
    return (text == level).astype("float64"), f"{name} = {level}"


def _phrase(name: str, is_share: bool, seg: float, overall: float, diff: float) -> str:
    if not is_share:
        word = "high" if diff > 0 else "low"
        return f"{word} {name} (mean {seg:.3g} vs {overall:.3g} overall)"
    word = "many" if diff > 0 else "few"
    label = name.replace("=", " ", 1) if "=" in name else name
    return f"{word} with {label} ({seg:.0%} vs {overall:.0%})"


def profile(
    frame: pd.DataFrame,
    labels: np.ndarray,
    features: Sequence[str],
    *,
    target: str | None = None,
    positive: str | None = None,
    describe: Sequence[str] = (),
    noun: str = "customers",
    skip: Sequence[str] = (),
) -> Profiles:
    """Profile the segments ``labels`` (n_samples,) of ``frame`` on its ``features`` columns.

    ``target`` (e.g. churn) and ``describe`` columns were not clustered on; they are reported
    per segment so a team can see how the segments differ in them. ``skip`` names indicators
    left out (copies of another, see :func:`aieng.segment.features.encode`).
    """
    k = int(labels.max()) + 1
    ind = indicators(frame, features)
    ind = Indicators(ind.values.drop(columns=[c for c in skip if c in ind.values]), ind.share)
    # |correlation| near 1: two indicators say the same thing (phone_service and
    # multiple_lines=No phone service); a profile names only the first of them.
    same = ind.values.corr().abs().to_numpy() > 0.95  # (n_indicators, n_indicators)
    position = {c: i for i, c in enumerate(ind.values.columns)}
    groups = ind.values.groupby(labels)
    means = groups.mean()  # (k, n_indicators)
    overall = ind.values.mean()  # (n_indicators,)
    spread = pd.Series(
        {
            c: np.sqrt(overall[c] * (1 - overall[c])) if ind.share[c] else ind.values[c].std()
            for c in ind.values.columns
        }
    )
    differences = (means - overall) / spread.replace(0, np.nan)  # (k, n_indicators)
    differences = differences.fillna(0.0)
    rates: np.ndarray | None = None
    overall_rate: float | None = None
    label: str | None = None
    if target is not None:
        values, label = target_indicator(frame[target], positive)
        rates = values.groupby(labels).mean().to_numpy()  # (k,)
        overall_rate = float(values.mean())
    counts = np.bincount(labels, minlength=k)
    segments = []
    for j in range(k):
        row = differences.iloc[j]
        top = row.abs().sort_values(ascending=False)
        named: list[str] = []
        for c in top.index:
            if len(named) == TRAITS or top[c] < MIN_DIFFERENCE:
                break
            # One level per column: "100% fibre" already says "0% DSL".
            source = str(c).split("=", 1)[0]
            if any(n.split("=", 1)[0] == source for n in named):
                continue
            if not any(same[position[c], position[n]] for n in named):
                named.append(str(c))
        traits = tuple(
            _phrase(c, ind.share[c], means.iloc[j][c], overall[c], row[c]) for c in named
        )
        share = counts[j] / len(labels)
        words = "; ".join(traits) if traits else "close to the average on every feature"
        text = f"Segment {j + 1}, {share:.0%} of {noun} ({counts[j]:,}): {words}"
        rate = None if rates is None else float(rates[j])
        if rate is not None and overall_rate is not None:
            text += f". {_rate_text(str(label), rate, overall_rate)}"
        segments.append(SegmentProfile(j + 1, int(counts[j]), share, traits, rate, text + "."))
    index = [f"segment {j + 1}" for j in range(k)]
    levels = pd.concat([means, overall.to_frame("all").T])
    levels.index = [*index, "all"]
    differences.index = index
    described = _describe(frame, labels, describe, index)
    return Profiles(tuple(segments), levels, differences, label, rates, overall_rate, described)


def _rate_text(label: str, rate: float, overall: float) -> str:
    if label.startswith("mean "):
        return f"{label} {rate:.3g} (vs {overall:.3g} overall)"
    return f"{label}: {rate:.0%} (vs {overall:.0%} overall)"


def _describe(
    frame: pd.DataFrame, labels: np.ndarray, columns: Sequence[str], index: list[str]
) -> pd.DataFrame:
    if not columns:
        return pd.DataFrame(index=[*index, "all"])
    ind = indicators(frame, columns).values
    table = pd.concat([ind.groupby(labels).mean(), ind.mean().to_frame("all").T])
    table.index = [*index, "all"]
    return table
