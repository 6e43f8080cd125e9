"""The whole segmentation of one table, as one function: check, encode, choose k, cluster,
project, profile, find anomalies. ``aieng segment`` and ``aieng run m05`` both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aieng.errors import DataError, UsageError, unknown_value
from aieng.segment.anomaly import Anomalies, detect
from aieng.segment.choose_k import KChoice, check_k, choose_k
from aieng.segment.cluster import Clustering, cluster, one_thread
from aieng.segment.features import FeatureMatrix, encode
from aieng.segment.profile import Profiles, profile
from aieng.segment.projection import Projection, project


@dataclass(frozen=True)
class Segmentation:
    """Everything one run found; ``assignments`` is the file a team takes away."""

    n_rows: int
    features: FeatureMatrix
    choice: KChoice | None  # None when k was given, not chosen
    clustering: Clustering
    projection: Projection
    profiles: Profiles
    anomalies: Anomalies
    assignments: pd.DataFrame  # one row per input row: row, segment, anomaly scores
    notes: tuple[str, ...]  # what was dropped or filled, in words


def parse_k(value: str | int) -> int | None:
    """``"auto"`` -> None (choose it), an integer ≥ 2 -> itself; anything else is an error."""
    text = str(value).strip().lower()
    if text == "auto":
        return None
    try:
        k = int(text)
    except ValueError:
        k = 0
    if k < 2 or str(k) != text.lstrip("+"):
        raise UsageError(
            f"--k must be an integer of at least 2 or 'auto', got {value!r}",
            hint="pass e.g. --k 4, or --k auto to choose it by silhouette and the elbow.",
        )
    return k


def _grouped(duplicates: dict[str, str]) -> dict[str, list[str]]:
    """{copy: kept} -> {kept: [copies]}, for one note per repeated column."""
    groups: dict[str, list[str]] = {}
    for copy, kept in duplicates.items():
        groups.setdefault(kept, []).append(copy)
    return groups


def check_columns(frame: pd.DataFrame, names: Sequence[str], what: str) -> None:
    """Raise the "unknown column, did you mean" error for the first name not in ``frame``."""
    known = [str(c) for c in frame.columns]
    for name in names:
        if name not in known:
            raise unknown_value(what, name, known)


def check_level(series: pd.Series, level: str) -> None:
    """Raise the "unknown level, did you mean" error unless ``series`` holds ``level``."""
    levels = sorted({str(v) for v in series.dropna().unique()})
    if level not in levels:
        raise unknown_value(f"level of {series.name!r}", level, levels, listing="Its levels are")


@one_thread()  # see cluster.one_thread: small fits are much faster on one thread
def segment(
    frame: pd.DataFrame,
    *,
    k: int | None = None,
    target: str | None = None,
    positive: str | None = None,
    describe: Sequence[str] = (),
    exclude: Sequence[str] = (),
    k_max: int = 8,
    seed: int = 0,
    noun: str = "customers",
    progress: Callable[[str], None] | None = None,
) -> Segmentation:
    """Segment the rows of ``frame`` (not modified) and explain the segments.

    Every column is a clustering feature except ``target``, ``describe`` and ``exclude``: the
    target and the described columns are reported per segment only. ``k=None`` chooses k in
    ``[2, k_max]``. ``progress(step)`` is told each step as it starts (the CLI's spinner).
    """
    step = progress or (lambda _: None)
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise DataError(
            f"the table is empty ({frame.shape[0]} rows × {frame.shape[1]} columns)",
            hint="give a table with a header line and at least a few rows.",
        )
    check_columns(frame, [target] if target else [], "target column")
    check_columns(frame, describe, "column to describe")
    check_columns(frame, exclude, "column to exclude")
    if k is not None:
        parse_k(k)
        check_k(k, len(frame))
    elif k_max < 2:
        raise UsageError(
            f"--k-max must be at least 2 to choose k, got {k_max}",
            hint="pass e.g. --k-max 8, or a fixed number of segments with --k.",
        )
    left_out = {target, *describe, *exclude} - {None}
    columns = [str(c) for c in frame.columns if c not in left_out]
    if not columns:
        raise DataError(
            "no columns are left to cluster on: all are the target, described or excluded",
            hint="describe or exclude fewer columns.",
        )
    if target is not None and positive is not None:
        check_level(frame[target], positive)
    data = frame.copy()  # inputs are never modified
    step("encoding the features")
    features = encode(data, columns)
    choice: KChoice | None = None
    if k is None:
        step(f"choosing k (2 to {k_max})")
        # n_init=10 as in the final fit: with fewer starts a k can land in a worse local
        # minimum and lose on silhouette for that reason alone (Telco's k=4 does with 4).
        choice = choose_k(features.X, k_max=k_max, seed=seed, n_init=10)
        chosen = choice.best_k
    else:
        chosen = k
    step(f"clustering into {chosen} segments")
    clustering = cluster(features.X, chosen, seed=seed)
    used = [*features.numeric, *features.categorical]
    profiles = profile(
        data,
        clustering.labels,
        used,
        target=target,
        positive=positive,
        describe=list(describe),
        noun=noun,
        skip=list(features.duplicates),
    )
    step("looking for anomalies")
    anomalies = detect(features.X, data, used, seed=seed)
    assignments = pd.DataFrame(
        {
            "row": np.arange(1, len(data) + 1),  # 1-based, as a spreadsheet counts data rows
            "segment": clustering.labels + 1,
            "isolation_score": anomalies.isolation.round(6),
            "lof": anomalies.lof.round(6),
            "anomaly": anomalies.flagged_isolation,
        }
    )
    notes = tuple(
        ([f"Target, described per segment, not clustered on: {target}."] if target else [])
        + ([f"Described per segment, not clustered on: {', '.join(describe)}."] if describe else [])
        + ([f"Excluded: {', '.join(exclude)}."] if exclude else [])
        + [f"Not a feature: {c} ({why})." for c, why in features.dropped.items()]
        + [
            f"{', '.join(copies)} {'is' if len(copies) == 1 else 'are'} identical to {kept}: "
            "counted once."
            for kept, copies in _grouped(features.duplicates).items()
        ]
        + [
            f"{c}: {n:,} missing or infinite values filled with the median to cluster."
            for c, n in features.imputed.items()
        ]
    )
    step("projecting with PCA")
    projection = project(features.X)
    return Segmentation(
        n_rows=len(data),
        features=features,
        choice=choice,
        clustering=clustering,
        projection=projection,
        profiles=profiles,
        anomalies=anomalies,
        assignments=assignments,
        notes=notes,
    )
