"""One call from a DataFrame to every statistic of the report: :func:`explore`.

It checks what the user asked for (the target and sensitive columns exist, the target has at least
two values), then runs the pieces in order: profile → mutual information → associations → target
rates → bias. It draws nothing and writes nothing; :mod:`aieng.explore.report` turns the result
into a report and :mod:`aieng.explore.insights` into sentences.

Most of the work grows with the number of columns, but the associations grow with its *square*:
10,000 columns are 50 million pairs (about two hours at the measured 0.14 ms a pair on 60 rows,
and 3.2 GB for four 10,000 × 10,000 matrices). So a table with more than ``MAX_PAIRED`` analysable
columns gets its pairwise work, and the target rates per level, on ``MAX_PAIRED`` columns chosen
by a stated rule (:func:`paired_columns`); every per-column statistic still covers every column,
and the report says what was left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
from pandas.api.types import is_object_dtype

from aieng.errors import DataError, UsageError, unknown_value
from aieng.explore.associations import Associations, association_matrix
from aieng.explore.bias import BiasResult, Prior, bias_for
from aieng.explore.profile import (
    ColumnProfile,
    Overview,
    as_labels,
    overview,
    profile_columns,
)
from aieng.explore.target import (
    FeatureTarget,
    TargetSpec,
    feature_vs_target,
    mutual_information,
    resolve_target,
)

# Analysable columns in the pairwise matrices (see paired_columns). Measured: 100 columns are
# 4,950 pairs, 0.7 s on 60 rows and 5 s on 7,043; 200 take 3 s and 22 s, for a heatmap whose
# 200 labels no longer fit its 11 inches.
MAX_PAIRED = 100

Progress = Callable[[str], None]  # called with a description before each step


@dataclass(frozen=True)
class Exploration:
    """The statistics of one table; everything the report and the insights are made from."""

    overview: Overview
    profiles: dict[str, ColumnProfile]
    associations: Associations
    target: TargetSpec | None
    balance: pd.Series  # rows per class (or empty for a numeric target / no target)
    features: tuple[FeatureTarget, ...]  # each feature against the target
    mutual_information: pd.Series  # nats per feature, highest first
    bias: tuple[BiasResult, ...]  # one per sensitive attribute
    prior: Prior
    overall: float  # the target rate of the positive class (or the mean target); NaN if none
    paired_rule: str = ""  # how the paired columns were chosen; "" when every column is paired


def explore(
    frame: pd.DataFrame,
    *,
    target: str | None = None,
    positive: str | None = None,
    positive_source: str = "as given",
    sensitive: Sequence[str] = (),
    prior: Prior = "jeffreys",
    seed: int = 0,
    source: str = "FILE",
    progress: Progress | None = None,
) -> Exploration:
    """Every statistic of ``frame`` (never modified); ``source`` names the input in hints.

    ``positive`` is the class whose rate is reported (default: the minority class);
    ``positive_source`` says where it came from ("from the data card"), for the report.
    ``progress`` is told each step as it starts (the command line shows it next to a spinner).
    """
    step = progress or (lambda _: None)
    frame = _checked(frame, source)
    step(f"profiling {frame.shape[1]:,} columns")
    profiles = profile_columns(frame)
    for name in sensitive:
        if name not in profiles:
            raise unknown_value("sensitive column", name, profiles)
        if name == target:
            raise UsageError(
                f"{name!r} is both the target and a sensitive column",
                hint="the bias section compares the target between sensitive groups; "
                "choose a different column for one of them.",
            )
    if positive is not None and target is None:
        raise UsageError(
            f"--positive {positive!r} was given without --target",
            hint="name the target column too, e.g. --target churn --positive Yes.",
        )
    spec = None
    if target is not None:
        spec = resolve_target(
            frame,
            profiles,
            target,
            positive=positive,
            positive_source=positive_source,
        )
    mi = pd.Series(dtype=float)
    if spec is not None:
        step("mutual information with the target")
        mi = mutual_information(frame, profiles, spec, seed=seed)
    target_name = spec.name if spec else None
    paired, rule = paired_columns(profiles, mi, target=target_name, sensitive=sensitive)
    pairs = len(paired) * (len(paired) - 1) // 2
    step(f"associations of {len(paired):,} columns ({pairs:,} pairs)")
    assoc = association_matrix(frame, profiles, columns=paired)
    balance = pd.Series(dtype="int64")
    features: list[FeatureTarget] = []
    outcome = None
    if spec is not None:
        step("target rate per level")
        outcome = spec.outcome(frame)
        if spec.task == "classification":
            labels = as_labels(frame[spec.name]).dropna()
            balance = labels.value_counts().reindex(list(spec.classes)).astype("int64")
        for name in paired:  # the same columns as the matrices: the ones worth a closer look
            if name != spec.name:
                features.append(feature_vs_target(frame, name, profiles[name], outcome))
    if sensitive:
        step("bias audit")
    exclude = {*sensitive} | ({spec.name} if spec else set())
    bias = tuple(
        bias_for(
            frame,
            name,
            profiles[name],
            outcome,
            assoc,
            binary=spec is not None and spec.task == "classification",
            exclude=exclude,
            prior=prior,
            seed=seed,
        )
        for name in sensitive
    )
    return Exploration(
        overview=overview(frame, profiles),
        profiles=profiles,
        associations=assoc,
        target=spec,
        balance=balance,
        features=tuple(features),
        mutual_information=mi,
        bias=bias,
        prior=prior,
        overall=float("nan") if outcome is None else float(outcome.mean()),
        paired_rule=rule,
    )


def paired_columns(
    profiles: dict[str, ColumnProfile],
    mutual_information: pd.Series,
    *,
    target: str | None = None,
    sensitive: Sequence[str] = (),
    limit: int = MAX_PAIRED,
) -> tuple[list[str], str]:
    """The analysable columns the pairwise work covers (in the table's order), and the rule.

    Up to ``limit`` analysable columns: all of them, and the rule is ``""``. Beyond it: the
    target and the sensitive columns (the report is about them), then the columns with the
    highest mutual information with the target, then those with the fewest missing values.
    Python's sort is stable, so remaining ties keep the table's order: the choice is reproducible.
    """
    names = [name for name, p in profiles.items() if p.analysable]
    if len(names) <= limit:
        return names, ""
    fixed = [name for name in (target, *sensitive) if name in names]
    mi = mutual_information.to_dict()  # nats; a column without an estimate sorts last
    rest = sorted(
        (name for name in names if name not in fixed),
        key=lambda name: (-mi.get(name, -math.inf), profiles[name].n_missing),
    )
    chosen = set(fixed + rest[: max(0, limit - len(fixed))])
    lead = []
    if target in names:
        lead.append("the target")
    if sensitive:
        lead.append("the sensitive columns")
    by = "the fewest missing values"
    if mi:
        by = "the highest mutual information with the target, then " + by
    rule = f"{' and '.join(lead)}, then {by}" if lead else by
    return [name for name in names if name in chosen], rule


def _checked(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """The frame with text column names; an empty or ambiguous table is an error."""
    if frame.shape[1] == 0:
        raise DataError(
            f"{source} has no columns", hint="give a table with a header row and data rows."
        )
    if len(frame) == 0:
        raise DataError(
            f"{source} has a header ({frame.shape[1]} columns) but no data rows",
            hint="give a table with at least one data row.",
        )
    names = [str(c) for c in frame.columns]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise DataError(
            f"{source} has duplicated column names {dupes}",
            hint="give every column a unique name.",
        )
    frame = frame.rename(columns=str)  # a new frame: the caller's is never modified
    for name in [c for c in frame.columns if is_object_dtype(frame[c].dtype)]:
        # JSON lines can hold lists and objects: unhashable, so they could not be counted.
        # Their text is what a reader sees anyway.
        if frame[name].map(lambda v: isinstance(v, list | dict)).any():
            frame[name] = frame[name].map(lambda v: str(v) if isinstance(v, list | dict) else v)
    return frame
