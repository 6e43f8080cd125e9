"""The target column: does it exist, which task is it, and is it usable for that task?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aieng.errors import DataError, unknown_value
from aieng.supervised.config import Task


@dataclass(frozen=True)
class Target:
    """The target, ready for scikit-learn: 0/1 for classification, floats for regression."""

    name: str
    task: Task
    y: pd.Series  # (n_rows,) rows with a missing target removed
    positive_class: str | None  # the class coded 1 (classification only)
    negative_class: str | None
    notes: tuple[str, ...]  # what was decided, in plain words


def prepare_target(
    frame: pd.DataFrame, name: str, *, task: Task | None, positive_class: str | None
) -> Target:
    """Check ``frame[name]`` and encode it; raise a :class:`DataError` saying what to change."""
    if name not in frame.columns:
        raise unknown_value("target column", name, frame.columns)
    raw = frame[name]
    notes: list[str] = []
    missing = int(raw.isna().sum())
    if missing:
        notes.append(f"{missing:,} rows without a value of {name!r} were left out.")
        raw = raw[raw.notna()]
    if raw.empty:
        raise DataError(
            f"the target {name!r} is missing on every row",
            hint="choose another --target column; this one has no values to learn from.",
        )
    numeric = pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw)
    if task is None:
        task = "regression" if numeric and raw.nunique() > 2 else "classification"
        # Why, not how to override it: a month-6 pipeline has no --task to set, and its
        # report quoted this note. `aieng compare --help` lists --task for those who have it.
        why = (
            "numbers with more than two distinct values"
            if task == "regression"
            else "two distinct values"
            if numeric
            else "labels, not numbers"
        )
        notes.append(f"Task: {task}, inferred from {name!r} ({why}).")
    if task == "regression":
        if not numeric:
            example = ", ".join(repr(str(v)) for v in raw.drop_duplicates().head(3))
            raise DataError(
                f"regression needs a numeric target, but {name!r} holds text or categories "
                f"(e.g. {example})",
                hint="use --task classification to predict its classes, or pick a numeric "
                "--target.",
            )
        return Target(name, task, raw.astype("float64"), None, None, tuple(notes))
    return _classification(name, raw, positive_class, notes)


def _classification(
    name: str, raw: pd.Series, positive_class: str | None, notes: list[str]
) -> Target:
    labels = raw.astype(str)
    counts = labels.value_counts()
    if len(counts) < 2:
        raise DataError(
            f"the target {name!r} has a single class ({counts.index[0]!r} on all "
            f"{int(counts.iloc[0]):,} rows): there is nothing to tell apart",
            hint="choose a target with at least two classes, or add rows of the other class.",
        )
    if len(counts) > 2:
        shown = ", ".join(repr(c) for c in counts.index[:6])
        raise DataError(
            f"the target {name!r} has {len(counts)} classes ({shown}); aieng compare handles "
            "two (binary classification)",
            hint="predict one class against the rest (make a yes/no column), or use --task "
            "regression if the classes are numbers on a scale.",
        )
    if positive_class is None:
        positive_class = str(counts.index[-1])  # the minority: the class worth detecting
        notes.append(
            f"Positive class: {positive_class!r}, the rarer one ({int(counts.iloc[-1]):,} of "
            f"{len(labels):,} rows); set positive_class in the config to change it."
        )
    elif positive_class not in counts.index:
        raise DataError(
            f"unknown positive class {positive_class!r} for the target {name!r}",
            hint=f"use one of {', '.join(repr(c) for c in counts.index)}.",
        )
    negative = next(str(c) for c in counts.index if c != positive_class)
    y = (labels == positive_class).astype("int64")
    return Target(name, "classification", y, positive_class, negative, tuple(notes))


def check_class_sizes(target: Target, y_train: pd.Series | None, *, folds: int) -> None:
    """Enough rows for the folds; every class on both sides of the split and in every fold.

    Call it with ``y_train=None`` before the split, then with the training part after it.
    """
    y = target.y if y_train is None else y_train
    if len(y) < 2 * folds:
        raise DataError(
            f"only {len(y)} rows {'in all' if y_train is None else 'for training'}: too few "
            f"for {folds}-fold cross-validation",
            hint=f"lower --folds (to at most {max(2, len(y) // 2)}) or give the model more rows.",
        )
    if target.task != "classification":
        return
    counts = y.value_counts()
    needed = 2 if y_train is None else folds
    if len(counts) == 2 and counts.min() >= needed:
        return
    small = 1 if len(counts) < 2 else int(np.asarray(counts.index)[counts.to_numpy().argmin()])
    have = int(counts.get(small, 0))
    label = target.positive_class if small == 1 else target.negative_class
    where = "in all" if y_train is None else "in the training part (after the test split)"
    why = "to hold one out for the test" if y_train is None else f"for {folds}-fold stratified CV"
    raise DataError(
        f"class {label!r} of the target {target.name!r} has only {have} rows {where}, "
        f"fewer than the {needed} needed {why}",
        hint=f"lower --folds (to at most {max(2, have)}) or collect more rows of that class.",
    )
