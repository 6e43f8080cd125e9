"""aieng.clean.corrupt and aieng.clean.score: known faults in, honest figures out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aieng.clean import clean
from aieng.clean.changelog import empty_flags
from aieng.clean.corrupt import corrupt_frame
from aieng.clean.pipeline import CleanResult
from aieng.clean.score import same, score


@pytest.fixture
def truth() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 400
    return pd.DataFrame(
        {
            "plan": pd.Categorical(rng.choice(["Basic plan", "Premium plan", "Family plan"], n)),
            "paid": rng.random(n) < 0.5,
            "amount": np.round(rng.lognormal(5, 1, n), 2),
            "visits": rng.integers(0, 100, n),
            "day": pd.Series(
                pd.date_range("2020-01-01", periods=n, freq="D").strftime("%Y-%m-%d"), dtype="str"
            ),
        }
    )


def test_corrupt_records_every_fault_and_keeps_the_truth(truth: pd.DataFrame) -> None:
    before = truth.copy(deep=True)
    dirty = corrupt_frame(truth, seed=1, rate=0.1, duplicate_rate=0.05)
    pd.testing.assert_frame_equal(truth, before)
    assert len(dirty.dirty) == 420 and int(dirty.duplicate.sum()) == 20
    assert set(dirty.faults["kind"]) >= {
        "typo",
        "case",
        "missing_token",
        "number_format",
        "bool_format",
        "date_format",
        "outlier",
    }
    originals = np.flatnonzero(~dirty.duplicate)
    position = pd.Series(originals, index=dirty.source_row[originals])
    for row, col, value in dirty.faults[["row", "column", "dirty"]].itertuples(index=False):
        column = list(truth.columns).index(col)
        assert dirty.dirty.iloc[position[row], column] == value
    # Copies are exact copies of their original dirty row.
    for i in np.flatnonzero(dirty.duplicate):
        original = position[dirty.source_row[i]]
        assert dirty.dirty.iloc[i].tolist() == dirty.dirty.iloc[original].tolist()


def test_corrupt_is_seeded(truth: pd.DataFrame) -> None:
    a = corrupt_frame(truth, seed=5)
    b = corrupt_frame(truth, seed=5)
    pd.testing.assert_frame_equal(a.dirty, b.dirty)
    assert not corrupt_frame(truth, seed=6).dirty.equals(a.dirty)


def test_a_perfect_cleaner_scores_perfectly(truth: pd.DataFrame) -> None:
    dirty = corrupt_frame(truth, seed=2, rate=0.1, duplicate_rate=0.05)
    keep = np.flatnonzero(~dirty.duplicate)
    perfect = truth.iloc[dirty.source_row[keep]].set_axis(keep)
    result = CleanResult(perfect, (), empty_flags(), {}, {}, len(dirty.dirty))
    figures = score(dirty, result)
    assert figures.restore_rate == 1.0 and figures.exact_rate == 1.0
    assert figures.false_alteration_rate == 0.0


def test_flags_count_only_where_they_are(truth: pd.DataFrame) -> None:
    dirty = corrupt_frame(truth, seed=3, rate=0.1, duplicate_rate=0.0)
    untouched = dirty.dirty.set_axis(list(truth.columns), axis=1)
    flags = dirty.faults[["row", "column"]].assign(step="test", reason="flagged")
    flagged = CleanResult(untouched, (), flags, {}, {}, len(untouched))
    assert score(dirty, flagged).restore_rate == 1.0
    wrong = flags.assign(row=(flags["row"] + 1) % len(truth))  # flags on the wrong cells
    misplaced = CleanResult(untouched, (), wrong, {}, {}, len(untouched))
    assert score(dirty, misplaced).restore_rate < 0.5


def test_default_cleaning_on_a_synthetic_table(truth: pd.DataFrame) -> None:
    dirty = corrupt_frame(truth, seed=4, rate=0.05, duplicate_rate=0.02)
    figures = score(dirty, clean(dirty.dirty))
    assert figures.by_kind["date_format"][0] == figures.by_kind["date_format"][2]  # all exact
    for kind, (restored, flagged, total) in figures.by_kind.items():
        if kind != "missing_token":
            assert restored + flagged == total, kind
    # A gap in a date column is left missing (rule "none") and not flagged: the scorer counts
    # it as missed rather than pretending an empty cell was restored.
    restored, flagged, total = figures.by_kind["missing_token"]
    assert 0 < total - restored - flagged <= (dirty.faults["column"] == "day").sum()
    assert figures.false_alteration_rate == 0.0


def test_same_normalises_types() -> None:
    truth = pd.Series(["Yes", "No", None, "No"])
    assert same(truth, pd.Series([True, False, None, True], dtype="boolean")).tolist() == [
        True, True, True, False,
    ]  # fmt: skip
    numbers = same(pd.Series([0.1 + 0.2, 3.0, np.nan]), pd.Series([0.3, 3.0001, 1.0]))
    assert numbers.tolist() == [True, False, False]
    text = same(pd.Series(["Fiber optic", "1", "A"]), pd.Series(["fiber optic", "1.0", "A"]))
    assert text.tolist() == [False, True, True]  # case matters; codes compare as numbers
