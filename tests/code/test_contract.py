"""Code tests for ``aieng.contract``: every kind of bad cell is found and named, the
config round-trips, the input is never modified, and the churn table passes its own draft."""

from __future__ import annotations

import json
import tomllib
from typing import get_args

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aieng.contract import (
    ColumnRule,
    ColumnType,
    Contract,
    ContractViolation,
    draft_contract,
)
from aieng.contract.report import add_contract_section
from aieng.datasets import load
from aieng.errors import ConfigError, DataError
from aieng.reports import Report

CHURN_TOML = """
[contract.columns.tenure]
type = "int"
min = 0
max = 100

[contract.columns.contract]
type = "category"
allowed = ["Month-to-month", "One year", "Two year"]

[contract.columns.monthly_charges]
type = "float"
min = 0
nullable = true

[contract.columns.paperless]
type = "bool"

[contract.columns.note]
type = "text"
required = false
"""


def contract() -> Contract:
    return Contract.from_mapping(tomllib.loads(CHURN_TOML)["contract"])


def good_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tenure": [1, 34, 2, 45],
            "contract": ["Month-to-month", "One year", "Two year", "One year"],
            "monthly_charges": [29.85, 56.95, np.nan, 42.3],
            "paperless": [True, False, True, False],
        },
        index=[3, 5, 17, 21],
    )


def failures_of(frame: pd.DataFrame, c: Contract | None = None) -> list[tuple[object, ...]]:
    out = (c or contract()).check(frame)
    assert list(out.columns) == ["row", "column", "check", "value"]
    return list(out.itertuples(index=False, name=None))


# ---------------------------------------------------------------- check


def test_a_good_frame_passes_and_is_converted_to_the_declared_types() -> None:
    frame = good_frame()
    assert contract().check(frame).empty
    out = contract().validate(frame)
    assert out["tenure"].dtype == "int64"
    assert out["monthly_charges"].dtype == "float64"
    assert out["paperless"].dtype == bool
    assert isinstance(out["contract"].dtype, pd.CategoricalDtype)
    assert list(out["contract"].cat.categories) == ["Month-to-month", "One year", "Two year"]
    assert list(out.index) == [3, 5, 17, 21]


def test_a_string_in_an_int_column_is_a_failure_naming_the_row_and_value() -> None:
    frame = good_frame().astype({"tenure": object})
    frame.loc[5, "tenure"] = "twelve"
    assert failures_of(frame) == [(5, "tenure", "type int", "twelve")]


def test_numeric_text_parses_as_an_int_but_a_fraction_does_not() -> None:
    frame = good_frame().astype({"tenure": object})
    frame.loc[3, "tenure"] = "12"
    frame.loc[17, "tenure"] = 2.5
    assert failures_of(frame) == [(17, "tenure", "type int", "2.5")]
    floats = good_frame().astype({"tenure": float})
    floats.loc[21, "tenure"] = 45.5
    assert failures_of(floats) == [(21, "tenure", "type int", "45.5")]
    assert contract().validate(floats.drop(index=21))["tenure"].dtype == "int64"


def test_a_value_out_of_range_and_an_unknown_category_are_named() -> None:
    frame = good_frame()
    frame.loc[17, "tenure"] = -4
    frame.loc[5, "contract"] = "Monthly"
    assert failures_of(frame) == [
        (17, "tenure", "in range [0, 100]", "-4"),
        (5, "contract", "allowed values", "Monthly"),
    ]


def test_one_sided_bounds_are_worded_as_at_least_and_at_most() -> None:
    c = Contract.from_mapping(
        {"columns": {"a": {"type": "float", "min": 0}, "b": {"type": "int", "max": 1.5}}}
    )
    frame = pd.DataFrame({"a": [-0.5, 1.0], "b": [1, 2]})
    assert failures_of(frame, c) == [(0, "a", "at least 0", "-0.5"), (1, "b", "at most 1.5", "2")]


def test_nan_in_a_non_nullable_column_fails_but_is_fine_where_nullable() -> None:
    frame = good_frame().astype({"tenure": float})
    frame.loc[3, "tenure"] = np.nan
    assert failures_of(frame) == [(3, "tenure", "not missing", "nan")]
    out = contract().validate(good_frame())  # monthly_charges has a NaN and is nullable
    assert out["monthly_charges"].isna().sum() == 1


cells = st.one_of(
    st.integers(-50, 150),
    st.floats(-10, 110, allow_nan=False),
    st.none(),
    st.sampled_from(["x", "7", "", "1e2"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(cells, min_size=1, max_size=30))
def test_the_failures_of_an_int_column_are_exactly_the_bad_cells(values: list[object]) -> None:
    c = Contract.from_mapping({"columns": {"a": {"type": "int", "min": 0, "max": 100}}})
    expected = set()
    for row, value in enumerate(values):
        number = None if value in (None, "x", "") else float(value)  # type: ignore[arg-type]
        if value is None:
            expected.add((row, "not missing"))
        elif number is None or not number.is_integer():  # "x" and "" do not parse, 2.5 is no int
            expected.add((row, "type int"))
        elif not 0 <= number <= 100:
            expected.add((row, "in range [0, 100]"))
    found = c.check(pd.DataFrame({"a": pd.Series(values, dtype=object)}))
    assert set(zip(found["row"], found["check"], strict=True)) == expected
    assert len(found) == len(expected)


def test_a_cell_that_does_not_parse_is_reported_once_as_a_type_failure() -> None:
    frame = good_frame().astype({"monthly_charges": object})
    frame.loc[3, "monthly_charges"] = "n/a"
    rule = {"type": "float"}
    c = Contract.from_mapping({"columns": {"monthly_charges": rule}})
    assert failures_of(frame[["monthly_charges"]], c) == [
        (3, "monthly_charges", "type float", "n/a"),
        (17, "monthly_charges", "not missing", "nan"),
    ]


def test_a_missing_required_column_fails_and_an_optional_one_passes() -> None:
    frame = good_frame().drop(columns="tenure")
    assert failures_of(frame) == [(None, "tenure", "column present", "")]
    assert "note" not in contract().validate(good_frame()).columns  # optional, absent: fine


def test_bool_columns_as_bool_dtype_objects_words_or_zero_one() -> None:
    c = Contract.from_mapping({"columns": {"flag": {"type": "bool"}}})
    for values in (
        [True, False, True],
        pd.Series([True, False, True], dtype=object),
        pd.Series([np.True_, False, True], dtype=object),
        ["true", "False", "TRUE"],
        [1, 0, 1],
        pd.array([True, False, True], dtype="boolean"),
    ):
        out = c.validate(pd.DataFrame({"flag": values}))
        assert out["flag"].dtype == bool
        assert out["flag"].tolist() == [True, False, True]
    bad = pd.DataFrame({"flag": pd.Series([True, "maybe", 2], dtype=object)})
    assert failures_of(bad, c) == [(1, "flag", "type bool", "maybe"), (2, "flag", "type bool", "2")]
    nullable = Contract.from_mapping({"columns": {"flag": {"type": "bool", "nullable": True}}})
    out = nullable.validate(pd.DataFrame({"flag": [True, None, False]}))
    assert out["flag"].dtype == "boolean"


def test_pandas_string_dtype_is_read_for_text_and_category_columns() -> None:
    c = Contract.from_mapping(
        {
            "columns": {
                "plan": {"type": "category", "allowed": ["basic", "premium"]},
                "name": {"type": "text", "nullable": True},
            }
        }
    )
    for dtype in (pd.StringDtype(), pd.StringDtype(na_value=np.nan), "category", object):
        frame = pd.DataFrame(
            {
                "plan": pd.Series(["basic", "premium", "basic"], dtype=dtype),
                "name": pd.Series(["Ann", None, "Bo"], dtype=dtype),
            }
        )
        out = c.validate(frame)
        assert list(out["plan"].cat.categories) == ["basic", "premium"]
        assert out["name"].tolist()[::2] == ["Ann", "Bo"] and out["name"].isna().tolist()[1]
        frame.loc[1, "plan"] = "gold" if dtype != "category" else "basic"
    strings = pd.DataFrame({"plan": pd.Series(["gold"], dtype="string"), "name": ["x"]})
    assert failures_of(strings, c) == [(0, "plan", "allowed values", "gold")]


def test_category_values_are_compared_as_text() -> None:
    c = Contract.from_mapping({"columns": {"code": {"type": "category", "allowed": ["1", "2"]}}})
    out = c.validate(pd.DataFrame({"code": [1, 2, 1]}))
    assert out["code"].tolist() == ["1", "2", "1"]
    mixed = pd.DataFrame({"code": pd.Series([1, "1", 2, 3], dtype=object)})  # 1 and "1" collide
    assert failures_of(mixed, c) == [(3, "code", "allowed values", "3")]
    assert c.validate(mixed.iloc[:3])["code"].tolist() == ["1", "1", "2"]


def test_an_empty_table_with_the_right_columns_passes() -> None:
    out = contract().validate(good_frame().iloc[:0])
    assert len(out) == 0 and isinstance(out["contract"].dtype, pd.CategoricalDtype)


def test_the_input_frame_is_never_modified() -> None:
    frame = good_frame().astype({"tenure": object})
    frame.loc[5, "tenure"] = "twelve"
    frame["extra"] = ["a", "b", "c", "d"]
    before = frame.copy()
    contract().check(frame)
    with pytest.raises(ContractViolation):
        contract().validate(frame)
    pd.testing.assert_frame_equal(frame, before)
    good = good_frame().assign(extra=1)
    before = good.copy()
    out = contract().validate(good)
    pd.testing.assert_frame_equal(good, before)
    assert list(out.columns) == list(good.columns)  # undeclared columns are kept, in place
    assert contract().undeclared(good) == ["extra"]


def test_duplicate_index_labels_report_each_cell() -> None:
    frame = good_frame().set_axis([7, 7, 7, 7])
    frame = frame.astype({"tenure": object})
    frame.iloc[2, 0] = "x"
    assert failures_of(frame) == [(7, "tenure", "type int", "x")]


def test_the_violation_message_counts_rows_and_gives_examples() -> None:
    frame = good_frame()
    frame.loc[[17, 21], "tenure"] = [-4, 140]
    frame.loc[5, "contract"] = "Monthly"
    with pytest.raises(ContractViolation) as info:
        contract().validate(frame)
    err = info.value
    assert err.message == (
        "3 rows break the data contract: tenure in range [0, 100] (2 rows, e.g. row 17: -4); "
        "contract allowed values (1 row, e.g. row 5: 'Monthly')"
    )
    assert "[contract.columns.<name>]" in err.hint and "all 3 failures" in err.hint
    assert len(err.failures) == 3
    assert isinstance(err, DataError)
    with pytest.raises(ContractViolation, match=r"^1 missing column breaks .*tenure column"):
        contract().validate(good_frame().drop(columns="tenure"))


def test_duplicate_column_names_are_refused() -> None:
    frame = pd.concat([good_frame(), good_frame()[["tenure"]]], axis=1)
    with pytest.raises(DataError, match="duplicate column names: tenure"):
        contract().check(frame)


# ---------------------------------------------------------------- the config


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"a": {"type": "int", "mn": 0}}, r"column 'a': unknown key 'mn'.*\(Did you mean 'min'"),
        ({"a": {"type": "integer"}}, r"column 'a': unknown type 'integer'"),
        ({"a": {"min": 0}}, r"column 'a' has no `type`"),
        ({"a": {"type": "int", "min": 5, "max": 1}}, r"column 'a': min 5 is greater than max 1"),
        ({"a": {"type": "text", "allowed": ["x"]}}, r"column 'a': allowed applies to category"),
        ({"a": {"type": "category", "min": 0}}, r"column 'a': min applies to int and float"),
        ({"a": {"type": "category", "allowed": []}}, r"allowed must be a non-empty list"),
        ({"a": {"type": "category", "allowed": ["x", "x"]}}, r"allowed repeats a value"),
        ({"a": {"type": "int", "max": "9"}}, r"max must be a finite number, got '9'"),
        ({"a": {"type": "int", "nullable": "yes"}}, r"nullable must be true or false"),
        ({"a": "int"}, r"column 'a' must be a table, got 'int'"),
        ({}, r"contract declares no columns"),
    ],
)
def test_bad_contracts_are_refused_naming_the_column_and_key(
    columns: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Contract.from_mapping({"columns": columns})


def test_unknown_top_level_keys_and_the_source_are_named() -> None:
    with pytest.raises(ConfigError, match=r"^pipeline.toml \[contract\]: unknown key 'colums'"):
        Contract.from_mapping({"colums": {}}, source="pipeline.toml [contract]")


def test_to_dict_is_json_and_to_toml_is_readable() -> None:
    c = contract()
    assert Contract.from_mapping(json.loads(json.dumps(c.to_dict()))) == c
    text = c.to_toml()
    assert '[contract.columns.tenure]\ntype = "int"\nmin = 0\nmax = 100\n' in text
    assert Contract.from_mapping(tomllib.loads(text)["contract"]) == c


names = st.text(min_size=1, max_size=12)
numbers = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.integers(-(10**9), 10**9)


@st.composite
def rules(draw: st.DrawFn) -> ColumnRule:
    kind: ColumnType = draw(st.sampled_from(get_args(ColumnType)))
    low = high = None
    if kind in ("int", "float"):
        low, high = draw(st.none() | numbers), draw(st.none() | numbers)
        if low is not None and high is not None and low > high:
            low, high = high, low
    allowed = None
    if kind == "category":
        allowed = tuple(draw(st.lists(st.text(), min_size=1, max_size=4, unique=True)))
    return ColumnRule(
        type=kind,
        required=draw(st.booleans()),
        nullable=draw(st.booleans()),
        min=low,
        max=high,
        allowed=allowed,
        description=draw(st.text(max_size=20)),
    )


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(names, rules(), min_size=1, max_size=5))
def test_from_mapping_to_dict_and_to_toml_round_trip(columns: dict[str, ColumnRule]) -> None:
    c = Contract(columns)
    via_json = Contract.from_mapping(json.loads(json.dumps(c.to_dict())))
    via_toml = Contract.from_mapping(tomllib.loads(c.to_toml())["contract"])
    assert via_json == c and via_toml == c
    assert list(via_toml.columns) == list(columns)  # declared order kept


# ---------------------------------------------------------------- draft


def test_draft_contract_infers_types_ranges_and_levels() -> None:
    n = 40
    frame = pd.DataFrame(
        {
            "id": [f"C{i:03d}" for i in range(n)],
            "age": np.arange(n) + 18,
            "spend": np.linspace(0.5, 9.5, n),
            "paid": [True, False] * (n // 2),
            "plan": pd.Series(["gold", "basic"] * (n // 2), dtype="string"),
            "gap": [np.nan, np.inf] + [1.5] * (n - 2),
            "drop_me": 1,
        }
    )
    c = draft_contract(frame, exclude=["drop_me"])
    assert list(c.columns) == ["id", "age", "spend", "paid", "plan", "gap"]
    assert c.columns["id"] == ColumnRule(type="text")
    assert c.columns["age"] == ColumnRule(type="int", min=18, max=57)
    assert c.columns["spend"] == ColumnRule(type="float", min=0.5, max=9.5)
    assert c.columns["paid"] == ColumnRule(type="bool")
    assert c.columns["plan"] == ColumnRule(type="category", allowed=("basic", "gold"))
    assert c.columns["gap"] == ColumnRule(type="float", nullable=True, min=1.5)
    assert c.check(frame).empty


def test_draft_contract_refuses_unknown_excludes_and_nothing_left() -> None:
    frame = pd.DataFrame({"tenure": [1, 2]})
    with pytest.raises(DataError, match=r"unknown column to exclude 'tenur'.*'tenure'"):
        draft_contract(frame, exclude=["tenur"])
    with pytest.raises(DataError, match="nothing to draft a contract from"):
        draft_contract(frame, exclude=["tenure"])


@pytest.mark.slow  # loading the catalog table and importing pandera: ~5 s on a busy machine
def test_the_churn_table_passes_a_contract_drafted_from_itself() -> None:
    table = load("telco_churn")
    before = table.copy()
    c = draft_contract(table)
    assert len(c.columns) == 20
    types = {rule.type for rule in c.columns.values()}
    assert types == {"bool", "int", "float", "category"}
    assert c.columns["total_charges"].nullable and table["total_charges"].isna().sum() == 11
    assert c.columns["contract"].allowed == ("Month-to-month", "One year", "Two year")
    out = Contract.from_mapping(tomllib.loads(c.to_toml())["contract"]).validate(table)
    pd.testing.assert_frame_equal(out, table, check_categorical=False)
    pd.testing.assert_frame_equal(table, before)
    shifted = table.assign(tenure=table["tenure"] - 1)  # the draft's range has no margin
    assert (c.check(shifted)["check"] == "in range [0, 72]").sum() == (table["tenure"] == 0).sum()


# ---------------------------------------------------------------- report


def test_the_report_section_shows_rules_and_failures() -> None:
    frame = good_frame()
    frame.loc[[17, 21], "tenure"] = [-4, 140]
    frame.loc[5, "contract"] = "Monthly"
    failures = contract().check(frame)
    report = Report(title="t")
    add_contract_section(report, contract(), failures, rows=len(frame))
    html = report.render()
    assert "Data contract" in html and "data:image/png;base64," in html
    assert "3 of 4 rows (75.0%) break at least one rule; 3 failures in all." in html
    assert "Month-to-month, One year, Two year" in html and "[0, 100]" in html
    passed = Report(title="t")
    add_contract_section(passed, contract(), None, rows=4)
    assert "All 4 rows pass the 5 column rules." in passed.render()


def test_column_names_needing_quotes_survive_toml() -> None:
    odd = "total charges ($)"
    c = Contract({odd: ColumnRule(type="float", description='say "hi"\n\x7f')})
    assert f'[contract.columns."{odd}"]' in c.to_toml()
    assert Contract.from_mapping(tomllib.loads(c.to_toml())["contract"]) == c
