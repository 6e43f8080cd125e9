"""aieng.clean: each step's behaviour, its guards against wrecking clean data, and its log."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aieng.clean import CleanConfig, clean, load_config
from aieng.clean.changelog import to_json
from aieng.clean.config import parse_config
from aieng.clean.text import normalize_name
from aieng.errors import ConfigError, DataError, InputFileError


def text_frame(**columns: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(v, dtype="str") for k, v in columns.items()})


def only(**steps: bool) -> CleanConfig:
    """A config with every step off except those named."""
    names = CleanConfig.model_fields
    return parse_config({name: {"enabled": steps.get(name, False)} for name in names})


def changes_of(result, step: str) -> list:  # type: ignore[no-untyped-def]
    return [c for c in result.changes if c.step == step]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Monthly Charges ", "monthly_charges"),
        ("customerID", "customer_id"),
        ("SeniorCitizen", "senior_citizen"),
        ("Prix (€)", "prix"),
        ("Zoë's score", "zoe_s_score"),
        ("  ", "column_1"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_names_are_unique_and_logged() -> None:
    frame = pd.DataFrame([[1, 2, 3]], columns=["A b", "a_b", "X"])
    result = clean(frame, only(names=True))
    assert list(result.frame.columns) == ["a_b", "a_b_2", "x"]
    assert result.renamed == {"A b": "a_b", "a_b": "a_b_2", "X": "x"}
    assert {c.note for c in changes_of(result, "names")} >= {
        "column 'A b' renamed to 'a_b' (snake_case ASCII)"
    }


def test_trim_and_missing_tokens() -> None:
    frame = text_frame(city=[" Lyon", "Paris  ", "NA", "n/a", "-", "?", "", "null", "Nice"])
    result = clean(frame, only(trim=True, missing_tokens=True))
    assert result.frame["city"].tolist()[:2] == ["Lyon", "Paris"]
    assert result.frame["city"].isna().sum() == 6
    (token,) = changes_of(result, "missing_tokens")
    assert token.rows == 5 and token.column == "city"  # the empty cell was missing already
    (trimmed,) = changes_of(result, "trim")
    assert trimmed.rows == 2 and ("' Lyon'", "Lyon") in trimmed.examples


def test_input_frame_is_not_modified() -> None:
    frame = text_frame(a=[" x ", "NA", "x"], b=["1,000", "2", "3"])
    before = frame.copy(deep=True)
    clean(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_numbers_with_separators_currency_percent_and_parentheses() -> None:
    frame = text_frame(amount=["1,889.50", "$29.85", "€ 12", "14.07%", "(3.5)", "7"] * 3)
    result = clean(frame, only(types=True))
    assert result.frame["amount"].tolist()[:6] == [1889.5, 29.85, 12.0, 14.07, -3.5, 7.0]
    assert result.kinds["amount"] == "number"
    (change,) = changes_of(result, "types")
    assert change.rows == 15  # "7" needed no repair
    assert ("1,889.50", "1889.5") in change.examples


def test_whole_numbers_become_nullable_integers() -> None:
    frame = text_frame(n=["1", "2", None, "4,000"])
    result = clean(frame, only(types=True))
    assert str(result.frame["n"].dtype) == "Int64"
    assert result.frame["n"].tolist()[3] == 4000


def test_leading_zero_codes_and_long_digit_ids_stay_text() -> None:
    frame = text_frame(zip=["00501", "10001", "02134"], card=["4111111111111111"] * 3)
    result = clean(frame, only(types=True))
    assert result.frame["zip"].tolist() == ["00501", "10001", "02134"]
    assert result.frame["card"].iloc[0] == "4111111111111111"


def test_legitimate_zeros_survive_everything() -> None:
    debt = ["0"] * 80 + [str(v) for v in range(100, 2100, 100)]
    ids = [str(i) for i in range(100)]  # distinct rows: identical rows would be duplicates
    result = clean(text_frame(id=ids, debt=debt))
    assert (result.frame["debt"] == 0).sum() == 80
    assert result.frame["debt"].tolist()[80:] == list(range(100, 2100, 100))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["yes", "No", "Y", "n", "TRUE", "false", "1", "0"], [1, 0, 1, 0, 1, 0, 1, 0]),
        (["t", "F", "Yes", "no"], [1, 0, 1, 0]),
    ],
)
def test_booleans(values: list[str], expected: list[int]) -> None:
    result = clean(text_frame(flag=values), only(types=True))
    assert result.frame["flag"].dtype == "boolean"
    assert result.frame["flag"].astype(int).tolist() == expected


def test_zero_one_column_stays_numeric() -> None:
    result = clean(text_frame(count=["0", "1", "1", "0"]), only(types=True))
    assert result.kinds["count"] == "integer"


def test_value_that_does_not_parse_is_flagged_not_guessed() -> None:
    values = [str(v) for v in range(40)] + ["abc"]
    result = clean(text_frame(x=values), only(types=True))
    assert result.kinds["x"] == "integer" and pd.isna(result.frame["x"].iloc[40])
    flag = result.flags.iloc[0]
    assert (flag["row"], flag["column"], flag["reason"]) == (40, "x", "not a number: 'abc'")


def test_mixed_date_formats_become_iso() -> None:
    dates = ["2020-01-31", "31/01/2020", "Jan 31, 2020", "31 Jan 2020", "2020/01/31", "13/02/2021"]
    result = clean(text_frame(day=dates), only(types=True))
    assert result.kinds["day"] == "date"
    assert result.frame["day"].tolist() == ["2020-01-31"] * 5 + ["2021-02-13"]


def test_month_first_dates_when_no_day_exceeds_twelve() -> None:
    result = clean(text_frame(day=["03/04/2020", "12/01/2021", "2020-05-06"]), only(types=True))
    assert result.frame["day"].tolist() == ["2020-03-04", "2021-12-01", "2020-05-06"]


def test_dates_with_times_keep_them() -> None:
    result = clean(text_frame(t=["2020-01-02 13:45:00", "2020-01-03"]), only(types=True))
    assert result.frame["t"].tolist() == ["2020-01-02T13:45:00", "2020-01-03T00:00:00"]


def test_category_spellings_merge_into_the_most_frequent_one() -> None:
    values = ["Fiber optic"] * 50 + ["fiber  optic", "FIBER OPTIC", "Fibre optic"] + ["DSL"] * 30
    result = clean(text_frame(net=values), only(trim=True, categories=True))
    assert set(result.frame["net"]) == {"Fiber optic", "DSL"}
    merges = changes_of(result, "categories")
    assert len(merges) == 3  # every merge is its own entry
    notes = " ".join(c.note for c in merges)
    assert "'Fibre optic' merged into 'Fiber optic' (similar spelling" in notes


def test_similar_but_different_categories_are_not_merged() -> None:
    values = ["Male"] * 50 + ["Female"] * 45 + ["NY"] * 300 + ["WY"] * 10
    frame = text_frame(sex=values[:95] + ["Male"] * 310, state=values[95:] + ["NY"] * 95)
    result = clean(frame, only(categories=True))
    assert set(result.frame["sex"]) == {"Male", "Female"}
    assert set(result.frame["state"]) == {"NY", "WY"}
    # WY is one substituted letter from NY: a different code, so not even flagged.
    assert result.flags.empty


def test_codes_differing_in_digits_are_not_merged() -> None:
    values = ["Grade A1"] * 200 + ["Grade A2"] * 3
    result = clean(text_frame(g=values), only(categories=True))
    assert set(result.frame["g"]) == {"Grade A1", "Grade A2"}


def test_short_slips_are_flagged_not_merged() -> None:
    values = ["Yes"] * 200 + ["No"] * 150 + ["Yse", "Noo"] + ["Maybe"] * 40
    result = clean(text_frame(answer=values), only(categories=True))
    assert "Yse" in set(result.frame["answer"])
    flagged = result.flags.set_index("row")["reason"]
    assert flagged[350] == "rare spelling 'Yse' is one edit from 'Yes': check it"
    assert 351 in flagged.index


def test_exact_duplicates_after_repair() -> None:
    frame = text_frame(a=["x", "X ", "y"], b=["1,000", "1000", "2"])
    result = clean(frame, only(trim=True, types=True, categories=True, duplicates=True))
    assert result.frame.index.tolist() == [0, 2]
    (dup,) = changes_of(result, "duplicates")
    assert dup.rows == 1 and dup.examples == (("row 1", "dropped (duplicate)"),)


@pytest.mark.parametrize(("keep", "kept"), [("first", [0, 2]), ("last", [1, 2])])
def test_key_based_duplicates(keep: str, kept: list[int]) -> None:
    frame = text_frame(ID=["7", "7", "8"], v=["a", "b", "c"])
    config = parse_config({"duplicates": {"keys": ["ID"], "keep": keep}})
    assert clean(frame, config).frame.index.tolist() == kept


def test_unknown_duplicate_key_names_the_columns() -> None:
    config = parse_config({"duplicates": {"keys": ["order_id"]}})
    with pytest.raises(DataError, match="the duplicate key column 'order_id' does not exist") as e:
        clean(text_frame(a=["1"], b=["2"]), config)
    assert "a, b" in e.value.hint


def test_missing_values_median_mode_and_indicator() -> None:
    frame = text_frame(
        income=["10", "20", "NA", "1000", "30"], plan=["gold", "gold", "silver", None, "gold"]
    )
    result = clean(frame, only(missing_tokens=True, types=True, missing_values=True))
    assert result.frame["income"].tolist() == [10, 20, 25, 1000, 30]  # median, rounded: integers
    assert result.frame["plan"].tolist()[3] == "gold"
    assert result.frame["income__was_missing"].tolist() == [False, False, True, False, False]
    assert list(result.frame.columns) == [
        "income", "income__was_missing", "plan", "plan__was_missing",
    ]  # fmt: skip
    reasons = set(result.flags["reason"])
    assert "was missing; filled with 25" in reasons


def test_missing_values_drop_rule_and_text_left_alone() -> None:
    frame = text_frame(x=["1", None, "3", "4"], note=["a b", None, "c d", "e f"])
    config = parse_config({"missing_values": {"numeric": "drop"}})
    result = clean(frame, config)
    assert result.frame.index.tolist() == [0, 2, 3]
    free_text = text_frame(note=[f"note {i}" for i in range(150)] + [None])
    assert pd.isna(clean(free_text).frame["note"].iloc[150])  # free text: never invented


def test_mostly_missing_column_is_left_and_said_so() -> None:
    frame = text_frame(id=["1", "2", "3", "4"], joint=["5", None, None, None])
    result = clean(frame)
    assert result.frame["joint"].isna().sum() == 3
    (note,) = changes_of(result, "missing_values")
    assert "75.0% > max_share 50%" in note.note and note.rows == 0


def test_all_missing_and_constant_columns_do_not_crash() -> None:
    frame = text_frame(empty=["", "NA", None], same=["a", "a", "a"], x=["1", "2", "3"])
    result = clean(frame)
    assert result.frame["empty"].isna().all()
    notes = [c.note for c in result.changes if c.column in {"empty", "same"}]
    assert any("every value is missing: left as is" in n for n in notes)
    assert any("constant column: every present value is a" in n for n in notes)


@pytest.mark.parametrize("method", ["mad", "iqr"])
def test_outliers_are_flagged_by_default_and_never_changed(method: str) -> None:
    values = [str(v) for v in np.linspace(10, 20, 50)] + ["5000"]
    result = clean(text_frame(x=values), parse_config({"outliers": {"method": method}}))
    assert result.frame["x"].iloc[50] == 5000
    outliers = result.flags[result.flags["step"] == "outliers"]
    assert outliers["row"].tolist() == [50]


def test_outliers_clip_and_drop() -> None:
    values = [str(v) for v in range(10, 60)] + ["5000"]
    clipped = clean(text_frame(x=values), parse_config({"outliers": {"action": "clip"}}))
    assert 59 < clipped.frame["x"].iloc[50] < 200
    dropped = clean(text_frame(x=values), parse_config({"outliers": {"action": "drop"}}))
    assert len(dropped.frame) == 50 and 50 not in dropped.frame.index


def test_mostly_zero_column_does_not_flag_every_nonzero() -> None:
    values = ["0"] * 90 + [str(v) for v in range(100, 1100, 100)]
    result = clean(text_frame(debt=values), only(types=True, outliers=True))
    assert result.flags[result.flags["step"] == "outliers"].empty


def test_empty_tables_are_refused() -> None:
    with pytest.raises(DataError, match=r"has a header \(2 columns\) but no rows"):
        clean(pd.DataFrame({"a": [], "b": []}))
    with pytest.raises(DataError, match="has no columns"):
        clean(pd.DataFrame())


def test_change_log_json() -> None:
    result = clean(text_frame(a=[" x", "NA", "x"]))
    doc = json.loads(to_json(list(result.changes), summary=result.summary()))
    assert doc["summary"]["rows_in"] == 3
    first = doc["changes"][0]
    assert set(first) == {"step", "column", "rows", "note", "examples"}
    assert first["examples"][0] == {"before": "' x'", "after": "x"}


def test_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "clean.toml"
    path.write_text('[outliers]\naction = "clip"\n[duplicates]\nkeys = ["id"]\n', "utf-8")
    config = load_config(path)
    assert config.outliers.action == "clip" and config.duplicates.keys == ("id",)
    assert config.categories == CleanConfig().categories


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[outlier]\naction = 'clip'\n", "unknown key 'outlier'"),
        ("[outliers]\nactoin = 'clip'\n", "unknown key 'outliers.actoin'"),
        ("[outliers]\naction = 'remove'\n", "bad value for 'outliers.action'"),
        ("[categories]\nsimilarity = 120\n", "bad value for 'categories.similarity'"),
        ("[missing_values]\ncategory = 'median'\n", "bad value for 'missing_values.category'"),
        ("[trim\n", "is not valid TOML"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "clean.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_unknown_key_hint_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"outliers": {"actoin": "clip"}})
    assert "action" in info.value.hint and "threshold" in info.value.hint


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such config file"):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("-$12", -12.0),  # the sign before the currency symbol is kept, not dropped with it
        ("$-12", -12.0),
        ("+$3.5", 3.5),
        ("($1,234.50)", -1234.5),  # accountants' negative
        ("-12 €", -12.0),
        ("USD 5", 5.0),
        ("1.234,5", 1234.5),  # European thousands and decimal comma
    ],
)
def test_parse_numbers_reads_signs_currencies_and_separators(text: str, number: float) -> None:
    from aieng.clean.types import parse_numbers

    values, reformatted = parse_numbers(pd.Series([text], dtype="str"))
    assert values.iloc[0] == pytest.approx(number)
    assert bool(reformatted.iloc[0])
