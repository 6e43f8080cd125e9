"""The target: which kind of problem it is, its balance, and what each feature says about it.

A categorical or boolean target is a classification target; the *positive class* is the event
of interest (churned, defaulted). It is the one the user names, else the data card's, else the
minority class. With more than two classes, rates are **one-vs-rest** for the positive class
(share of rows in that class), so "rate" keeps one meaning everywhere in the report.

A numeric target with more than two values is a regression target: rates become means.
Mutual information (scikit-learn's k-nearest-neighbour estimator) ranks the features by how much
knowing each one reduces the uncertainty about the target, linear or not, in nats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from aieng.errors import DataError, unknown_value
from aieng.explore.profile import ColumnProfile, as_labels, as_numbers, codes

MIN_GROUP = 10  # levels with fewer rows are shown but never quoted as the highest/lowest rate
MI_MAX_ROWS = 20_000  # mutual information is O(n log n) per feature: sample beyond this
MI_MIN_ROWS = 20  # the k-nearest-neighbour estimate (k = 3) needs several rows per class


@dataclass(frozen=True)
class TargetSpec:
    """The target column and how rates are defined on it."""

    name: str
    task: Literal["classification", "regression"]
    positive: str | None  # the class whose rate is reported (classification only)
    positive_source: str  # "as given", "from the data card" or "the minority class"
    classes: tuple[str, ...]  # class labels as text (classification), else ()

    @property
    def source_phrase(self) -> str:
        """Where the positive class came from, for the report: "'Yes', from the data card"."""
        return f"{self.positive!r}, {self.positive_source}"

    def outcome(self, frame: pd.DataFrame) -> pd.Series:
        """1.0 for the positive class (classification) or the target's value; NaN if missing."""
        column = frame[self.name]
        if self.task == "regression":
            return as_numbers(column)
        labels = as_labels(column)
        return (labels == self.positive).astype(float).where(column.notna())


def resolve_target(
    frame: pd.DataFrame,
    profiles: dict[str, ColumnProfile],
    name: str,
    *,
    positive: str | None = None,
    positive_source: str = "as given",
) -> TargetSpec:
    """Check the target name and its values; pick the positive class (see the module doc)."""
    if name not in profiles:
        raise unknown_value("target column", name, profiles)
    profile = profiles[name]
    n = len(frame)
    if profile.kind == "empty":
        raise DataError(
            f"the target {name!r} is missing in all {n} rows",
            hint="choose a target column that has values (--target).",
        )
    if profile.kind == "constant":
        raise DataError(
            f"the target {name!r} has one value ({profile.top_values[0][0]!r}) in every row "
            "that has one: there is nothing to predict or compare",
            hint="choose a target with at least two values, or explore without --target.",
        )
    if profile.kind in {"text", "datetime"}:
        raise DataError(
            f"the target {name!r} is a {profile.kind} column ({profile.n_distinct} distinct "
            "values), not classes or numbers",
            hint="choose a categorical, boolean or numeric target column.",
        )
    if profile.kind == "numeric":
        if positive is not None:
            raise DataError(
                f"--positive {positive!r} was given, but the target {name!r} is numeric "
                f"({profile.n_distinct} distinct values)",
                hint="drop --positive: a numeric target is summarised by its mean.",
            )
        return TargetSpec(name, "regression", None, "", ())
    counts = as_labels(frame[name]).dropna().value_counts()
    classes = tuple(sorted(counts.index))
    if positive is not None:
        if positive not in counts.index:
            raise unknown_value(f"{name!r} class", positive, classes, listing="Its classes are")
        return TargetSpec(name, "classification", positive, positive_source, classes)
    minority = str(min(counts.index, key=lambda c: (counts[c], c)))
    return TargetSpec(name, "classification", minority, "the minority class", classes)


@dataclass(frozen=True)
class FeatureTarget:
    """The target rate (or mean) per level of one feature; numbers are cut into quantile bins."""

    feature: str
    table: pd.DataFrame  # columns: level, rows, rate (share positive, or target mean)
    binned: bool  # True when the levels are quantile bins of a numeric feature

    @property
    def extremes(self) -> tuple[pd.Series, pd.Series] | None:
        """The rows of the highest and lowest rate among levels with at least MIN_GROUP rows."""
        big = self.table[self.table["rows"] >= MIN_GROUP]
        if len(big) < 2:
            return None
        rate = big["rate"].to_numpy(dtype=float)
        return big.iloc[int(rate.argmax())], big.iloc[int(rate.argmin())]


def feature_vs_target(
    frame: pd.DataFrame, feature: str, profile: ColumnProfile, outcome: pd.Series, bins: int = 5
) -> FeatureTarget:
    """Rate of the positive class (or mean target) per level, or per quantile bin of a number."""
    present = outcome.notna()
    order: list[str] = []
    if profile.kind == "numeric":
        values = as_numbers(frame[feature])
        cut = pd.qcut(values, q=bins, duplicates="drop")
        order = bin_names(values, cut)  # the bins in numeric order
        labels = as_labels(cut.cat.rename_categories(order))
    else:
        labels = as_labels(frame[feature])
        if isinstance(frame[feature].dtype, pd.CategoricalDtype):
            order = [str(c) for c in frame[feature].cat.categories]  # the column's own order
    labels = labels.fillna("(missing)")
    grouped = outcome[present].groupby(labels[present], sort=False)
    table = pd.DataFrame({"rows": grouped.size(), "rate": grouped.mean()})
    if order:
        first = [lab for lab in order if lab in table.index]
        table = table.loc[first + [lab for lab in table.index if lab not in first]]
    else:
        table = table.sort_values("rows", ascending=False)
    table = table.rename_axis("level").reset_index()
    return FeatureTarget(feature, table, profile.kind == "numeric")


def _edge(x: float) -> str:
    # 17,010 reads better than 1.701e+04; small values keep 4 significant digits.
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def bin_names(values: pd.Series, cut: pd.Series) -> list[str]:
    """Name each quantile bin (in order) by the smallest and largest value in it: "0–6", not
    "(-0.001, 6]". An empty bin keeps its edges; a name already taken gets its bin number."""
    by_bin = values.groupby(cut, observed=True)
    low, high = by_bin.min(), by_bin.max()
    names: list[str] = []
    for i, iv in enumerate(cut.cat.categories):
        a, b = (low[iv], high[iv]) if iv in low.index else (iv.left, iv.right)
        name = f"{_edge(a)}–{_edge(b)}"
        names.append(name if name not in names else f"{name} (bin {i + 1})")
    return names


def mutual_information(
    frame: pd.DataFrame,
    profiles: dict[str, ColumnProfile],
    spec: TargetSpec,
    *,
    seed: int = 0,
) -> pd.Series:
    """Mutual information (nats) of each analysable feature with the target, highest first.

    Categories enter as integer codes flagged discrete (missing = its own code); numbers as
    floats with gaps filled by the median, so a gap does not invent information. The
    k-nearest-neighbour estimator compares rows *within* a class or level, so a category whose
    every level occurs once (an id) is left out, and with fewer than ``MI_MIN_ROWS`` labelled rows,
    or no class with two rows, the result is empty (the report says why).
    """
    import warnings

    from sklearn.feature_selection import mutual_info_classif, mutual_info_regression

    y = spec.outcome(frame) if spec.task == "regression" else frame[spec.name]
    rows = frame[y.notna()]
    if len(rows) > MI_MAX_ROWS:
        rows = rows.sample(MI_MAX_ROWS, random_state=seed)
    empty = pd.Series(dtype=float, name="mutual_information")
    target = codes(rows[spec.name])[0] if spec.task == "classification" else None
    if len(rows) < MI_MIN_ROWS or (target is not None and np.bincount(target).max() < 2):
        return empty
    names, columns, discrete = [], [], []
    for name, profile in profiles.items():
        if not profile.analysable or name == spec.name:
            continue
        if profile.kind == "numeric":
            x = as_numbers(rows[name])
            if x.notna().any():
                names.append(name)
                columns.append(x.fillna(x.median()).to_numpy())
                discrete.append(False)
            continue
        code = codes(rows[name])[0]
        if np.bincount(code + 1).max() >= 2:  # +1: the missing code -1 counts as a level
            names.append(name)
            columns.append(code.astype(float))
            discrete.append(True)
    if not names:
        return empty
    X = np.column_stack(columns)  # (n_rows, n_features)
    with warnings.catch_warnings():
        # "more classes than half the samples": expected for a many-class target, not an error.
        warnings.simplefilter("ignore", UserWarning)
        if target is not None:
            mi = mutual_info_classif(X, target, discrete_features=discrete, random_state=seed)
        else:
            values = spec.outcome(rows).to_numpy()
            mi = mutual_info_regression(X, values, discrete_features=discrete, random_state=seed)
    return pd.Series(mi, index=names, name="mutual_information").sort_values(ascending=False)
