"""One call from a DataFrame to every statistic of the report: :func:`explore`.

It checks what the user asked for (the target and sensitive columns exist, the target has at least
two values), then runs the pieces in order: profile → associations → target → bias. It draws
nothing and writes nothing; :mod:`aieng.explore.report` turns the result into a report and
:mod:`aieng.explore.insights` into sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
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
) -> Exploration:
    """Every statistic of ``frame`` (never modified); ``source`` names the input in hints.

    ``positive`` is the class whose rate is reported (default: the minority class);
    ``positive_source`` says where it came from ("from the data card"), for the report.
    """
    frame = _checked(frame, source)
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
    assoc = association_matrix(frame, profiles)
    balance = pd.Series(dtype="int64")
    features: list[FeatureTarget] = []
    mi = pd.Series(dtype=float)
    outcome = None
    if spec is not None:
        outcome = spec.outcome(frame)
        if spec.task == "classification":
            labels = as_labels(frame[spec.name]).dropna()
            balance = labels.value_counts().reindex(list(spec.classes)).astype("int64")
        for name, profile in profiles.items():
            if profile.analysable and name != spec.name:
                features.append(feature_vs_target(frame, name, profile, outcome))
        mi = mutual_information(frame, profiles, spec, seed=seed)
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
    )


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
