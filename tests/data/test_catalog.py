"""Data tests: every bundled dataset matches its card, and the cards' stated facts are true."""

from __future__ import annotations

import socket

import numpy as np
import pandas as pd
import pytest
from pytest_socket import SocketBlockedError

from aieng.datasets import conform, get_card, list_datasets, load, validate
from aieng.datasets.cards import DataCard
from aieng.datasets.loaders import _typed, dtype_problem, read_raw
from aieng.errors import DataError

NAMES = [card.name for card in list_datasets()]


def _tampered(card: DataCard, column: str, **changes: object) -> DataCard:
    """A copy of ``card`` whose entry for ``column`` has ``changes`` applied."""
    entries = []
    for entry in card.columns:
        if entry.name == column:
            entry = entry.model_copy(update=changes)
        entries.append(entry)
    return card.model_copy(update={"columns": tuple(entries)})


# --- every dataset against its card -------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_columns_and_rows_match_the_card(name: str) -> None:
    card, frame = get_card(name), load(name)
    assert list(frame.columns) == card.column_names
    assert not frame.columns.duplicated().any()
    assert len(frame) == card.rows
    assert isinstance(frame.index, pd.RangeIndex)
    raw = read_raw(card)
    assert "rownames" not in frame.columns and len(raw.columns) == len(card.fields)


@pytest.mark.parametrize("name", NAMES)
def test_dtypes_match_the_card(name: str) -> None:
    card, frame = get_card(name), load(name)
    problems = {c.name: dtype_problem(frame[c.name], c) for c in card.fields}
    assert {k: v for k, v in problems.items() if v} == {}
    for col in card.fields:
        series = frame[col.name]
        if col.dtype == "bool":
            assert series.dtype == bool  # never object, never NaN turned into True
        if col.dtype == "int" and series.isna().any():
            assert series.dtype == "Int64"  # gaps kept as <NA>, not floats
        if col.levels is not None:
            assert list(series.cat.categories) == list(col.levels)


@pytest.mark.parametrize("name", NAMES)
def test_target_has_the_declared_classes(name: str) -> None:
    card, frame = get_card(name), load(name)
    target = frame[card.target]
    assert target.notna().all()
    if card.task == "classification":
        assert target.nunique() == 2
        assert card.positive_class in set(target.astype(str))
        # Negative class first, positive last: what sklearn's "1" means stays obvious.
        assert str(target.cat.categories[-1]) == card.positive_class
    else:
        assert pd.api.types.is_numeric_dtype(target) and target.nunique() > 10


@pytest.mark.parametrize("name", NAMES)
def test_sensitive_columns_exist_and_are_explained(name: str) -> None:
    card, frame = get_card(name), load(name)
    for item in card.sensitive:
        assert set(item.columns) <= set(frame.columns)
        assert len(item.why) > 20
    assert all(c.meaning.strip() for c in card.fields)
    assert card.license.strip() and card.publication.strip() and card.caveats


@pytest.mark.filterwarnings("ignore:A test tried to use socket.socket")
def test_loading_never_touches_the_network() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    _typed.cache_clear()  # read every table again, here, with the network switched off
    for card in list_datasets():
        assert load(card.name).shape == (card.rows, len(card.fields))


# --- the cards' facts ----------------------------------------------------------------------------


def test_telco_total_charges_gap_is_the_new_customers() -> None:
    card, frame = get_card("telco_churn"), load("telco_churn")
    gap = frame["total_charges"].isna()
    assert gap.sum() == 11
    assert (frame.loc[gap, "tenure"] == 0).all() and (frame["tenure"] == 0).sum() == 11
    assert any("total_charges" in c and "11" in c for c in card.caveats)
    assert frame["contract"].cat.ordered
    assert list(frame["contract"].cat.categories) == ["Month-to-month", "One year", "Two year"]
    assert frame["churn"].eq("Yes").sum() == 1869


def test_hmda_race_is_flagged_for_audits_only() -> None:
    card, frame = get_card("hmda_mortgage"), load("hmda_mortgage")
    assert "afam" in card.sensitive_columns
    assert any(c.startswith("afam is race") for c in card.caveats)
    rates = frame.groupby("afam")["deny"].apply(lambda s: (s == "yes").mean()).round(3)
    assert rates.to_dict() == {False: 0.093, True: 0.283}  # the rates the caveat quotes


def test_loans_free_text_and_joint_fields() -> None:
    card, frame = get_card("lending_club_loans"), load("lending_club_loans")
    assert isinstance(frame["emp_title"].dtype, pd.StringDtype)
    assert frame["emp_title"].isna().sum() == 833
    joint = frame["application_type"] == "joint"
    assert joint.sum() == 1495
    assert frame.loc[~joint, "annual_income_joint"].isna().all()
    assert frame["verification_income_joint"].isna().sum() == 8545
    assert frame["emp_length"].dtype == "Int64" and frame["emp_length"].isna().sum() == 817
    assert any("emp_title is free text: 833 missing" in c for c in card.caveats)
    assert list(frame["grade"].cat.categories) == list("ABCDEFG") and frame["grade"].cat.ordered


def test_resume_names_is_a_field_experiment() -> None:
    card, frame = get_card("resume_callbacks"), load("resume_callbacks")
    assert any("field experiment" in c for c in card.caveats)
    assert frame["ethnicity"].value_counts().to_dict() == {"cauc": 2435, "afam": 2435}
    assert (
        (frame.groupby("name", observed=True)[["gender", "ethnicity"]].nunique() == 1).all().all()
    )


def test_credit_scoring_missing_counts_match_the_caveat() -> None:
    card, frame = get_card("credit_scoring"), load("credit_scoring")
    counts = frame.isna().sum()
    assert counts[counts > 0].to_dict() == {
        "Home": 6,
        "Marital": 1,
        "Job": 2,
        "Income": 381,
        "Assets": 47,
        "Debt": 18,
    }
    assert frame.isna().any(axis=1).sum() == 415
    assert any("415 rows" in c and "Income 381" in c for c in card.caveats)


def test_wage_education_is_ordered_and_logwage_is_the_target_in_disguise() -> None:
    frame = load("islr_wage")
    assert frame["education"].cat.ordered
    assert frame["education"].cat.categories[0] == "1. < HS Grad"
    assert (frame["logwage"] - np.log(frame["wage"])).abs().max() < 1e-9


def test_credit_gender_label_keeps_its_leading_space() -> None:
    frame = load("islr_credit")
    assert list(frame["Gender"].cat.categories) == [" Male", "Female"]
    assert (frame["Balance"] == 0).sum() == 90


def test_caravan_groups_cover_every_column() -> None:
    card, frame = get_card("caravan"), load("caravan")
    assert len(card.fields) == 86 == frame.shape[1]
    assert len(card.columns) < 20  # described in groups, not 86 near-identical entries
    assert card.column("MGODRK").meaning.startswith("Roman Catholic. Share of households")
    assert frame["MGEMLEEF"].cat.ordered and frame["MOSTYPE"].cat.categories[:3].tolist() == [
        "1",
        "2",
        "3",
    ]
    assert frame["Purchase"].eq("Yes").sum() == 348


# --- a card that no longer matches the data is an error -------------------------------------------


def test_tampered_row_count_is_refused() -> None:
    card = get_card("telco_churn")
    with pytest.raises(DataError, match="'telco_churn' has 7043 rows, its card says 7044"):
        conform(read_raw(card), card.model_copy(update={"rows": 7044}))


def test_tampered_columns_are_refused() -> None:
    card = get_card("telco_churn")
    fewer = card.model_copy(update={"columns": card.columns[:-1]})
    with pytest.raises(DataError, match=r"not in the card: \['total_charges'\]"):
        conform(read_raw(card), fewer)


def test_tampered_levels_are_refused() -> None:
    card = get_card("telco_churn")
    wrong = _tampered(card, "contract", levels=("Month-to-month", "One year", "Three year"))
    with pytest.raises(
        DataError,
        match=r"not in the card: \['Two year'\]; declared but never "
        r"seen: \['Three year'\]",
    ):
        conform(read_raw(card), wrong)


def test_tampered_dtype_is_refused() -> None:
    card = get_card("telco_churn")
    with pytest.raises(DataError, match="column 'multiple_lines': declared bool but has values"):
        conform(read_raw(card), _tampered(card, "multiple_lines", dtype="bool", levels=None))
    with pytest.raises(
        DataError, match="column 'tenure': the card says float, the data has dtype int64"
    ):
        validate(load("telco_churn"), _tampered(card, "tenure", dtype="float"))
