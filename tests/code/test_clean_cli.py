"""`aieng clean` and `aieng data corrupt` through the CLI: outputs, logs and every error message."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from aieng.clean.corrupt import corrupt_frame
from aieng.clean.files import truth_table

MESSY = (
    "Customer ID,Plan,Monthly Charges,Paid\n"
    '1,Gold,"$1,000.50",yes\n2,gold ,20,N\n3,Silver,NA,true\n3,Silver,NA,true\n'
)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_clean_writes_table_log_and_report(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "clean.parquet"
    before = messy.read_bytes()
    code, stdout, stderr = cli(
        "clean", str(messy), "-o", str(out), "--report", str(tmp_path / "r.html")
    )
    assert code == 0, stderr
    assert "Cleaned 4 rows → 3 rows" in stdout
    assert messy.read_bytes() == before  # the input is never touched
    frame = pd.read_parquet(out)
    assert frame.columns[:4].tolist() == [
        "customer_id",
        "plan",
        "monthly_charges",
        "monthly_charges__was_missing",
    ]
    assert frame["plan"].tolist() == ["Gold", "Gold", "Silver"]
    assert frame["monthly_charges"].tolist() == [1000.5, 20.0, 510.25]
    log = json.loads((tmp_path / "clean.parquet.changes.json").read_text("utf-8"))
    assert log["summary"]["rows_out"] == 3
    assert {c["step"] for c in log["changes"]} >= {"names", "types", "categories", "duplicates"}
    flags = pd.read_csv(tmp_path / "clean.parquet.flags.csv")
    assert flags.columns.tolist() == ["row", "column", "step", "reason"]
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "Distributions before and after" in html and 'src="data:image/png;base64,' in html
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_clean_with_config(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "clean.toml"
    config.write_text(
        "[duplicates]\nenabled = false\n[missing_values]\nindicator = false\n", "utf-8"
    )
    out = tmp_path / "out.csv"
    code, _, stderr = cli("clean", str(messy), "-o", str(out), "--config", str(config))
    assert code == 0, stderr
    frame = pd.read_csv(out)
    assert len(frame) == 4 and "monthly_charges__was_missing" not in frame.columns


def error_of(cli, *args: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code, stdout, stderr = cli(*args)
    assert "Traceback" not in stderr + stdout
    return code, stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "Error: no such file '.*in.csv'"),
        ("empty", r"Error: '.*in.csv' is an empty file \(0 bytes\)"),
        ("folder", "Error: '.*in.csv' is a folder, not a table file"),
        ("binary", "Error: cannot (parse|decode) "),
        ("header_only", r"Error: the table has a header \(2 columns\) but no rows"),
    ],
)
def test_bad_inputs(cli, tmp_path: Path, setup: str, message: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.csv"
    if setup == "empty":
        source.write_bytes(b"")
    elif setup == "folder":
        source.mkdir()
    elif setup == "binary":
        source.write_bytes(bytes(range(256)) * 40)
    elif setup == "header_only":
        source.write_text("a,b\n", "utf-8")
    code, stderr = error_of(cli, "clean", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert pytest.importorskip("re").search(message, stderr), stderr
    assert "Hint: " in stderr
    assert not (tmp_path / "out.csv").exists()


def test_unknown_suffix(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"PK")
    code, stderr = error_of(cli, "clean", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "Error: cannot read 'in.xlsx': unsupported suffix '.xlsx'" in stderr
    assert ".csv, .tsv, .txt, .parquet, .jsonl, .ndjson" in stderr


def test_unknown_output_suffix(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, stderr = error_of(cli, "clean", str(messy), "-o", str(tmp_path / "out.xlsx"))
    assert code == 2 and "unsupported suffix '.xlsx'" in stderr


def test_output_is_input_even_with_force(cli, messy: Path) -> None:  # type: ignore[no-untyped-def]
    before = messy.read_bytes()
    code, stderr = error_of(cli, "clean", str(messy), "-o", str(messy), "--force")
    assert code == 1 and "is the input file" in stderr
    assert "Hint: inputs are never modified" in stderr
    assert messy.read_bytes() == before


def test_output_exists_needs_force(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.csv"
    out.write_text("keep me\n", "utf-8")
    code, stderr = error_of(cli, "clean", str(messy), "-o", str(out))
    assert code == 1 and "already exists" in stderr and "--force" in stderr
    assert out.read_text("utf-8") == "keep me\n"
    code, _, _ = cli("clean", str(messy), "-o", str(out), "--force")
    assert code == 0 and out.read_text("utf-8").startswith("customer_id,")


def test_bad_config_through_the_cli(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "clean.toml"
    config.write_text("[outliers]\nmethod = 'zscore'\n", "utf-8")
    code, stderr = error_of(
        cli, "clean", str(messy), "-o", str(tmp_path / "o.csv"), "-c", str(config)
    )
    assert code == 1 and "Error: clean.toml: bad value for 'outliers.method'" in stderr
    assert "got 'zscore'" in stderr


def test_unknown_dedup_key_through_the_cli(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "clean.toml"
    config.write_text("[duplicates]\nkeys = ['order_id']\n", "utf-8")
    code, stderr = error_of(
        cli, "clean", str(messy), "-o", str(tmp_path / "o.csv"), "-c", str(config)
    )
    assert code == 1 and "the duplicate key column 'order_id' does not exist" in stderr
    assert "customer_id" in stderr
    assert not (tmp_path / "o.csv").exists()


def test_key_given_by_its_input_name(cli, messy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "clean.toml"
    config.write_text("[duplicates]\nkeys = ['Customer ID']\n", "utf-8")
    code, _, stderr = cli("clean", str(messy), "-o", str(tmp_path / "o.csv"), "-c", str(config))
    assert code == 0, stderr


def test_semicolon_latin1_input(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "fr.csv"
    source.write_bytes("ville;prix\nMontréal;1,5\nQuébec;2,5\nLévis;3\n".encode("latin-1"))
    config = tmp_path / "c.toml"
    config.write_text('[types]\ndecimal = ","\n', "utf-8")
    code, _, stderr = cli("clean", str(source), "-o", str(tmp_path / "o.csv"), "-c", str(config))
    assert code == 0, stderr
    frame = pd.read_csv(tmp_path / "o.csv")
    assert frame["ville"].tolist() == ["Montréal", "Québec", "Lévis"]
    assert frame["prix"].tolist() == [1.5, 2.5, 3.0]


def test_data_corrupt_writes_dirty_copy_and_truth(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dirty.csv"
    code, stdout, stderr = cli("data", "corrupt", "islr_wage", "--seed", "3", "-o", str(out))
    assert code == 0, stderr
    assert "Wrote a dirty copy of islr_wage" in stdout and "duplicate rows" in stdout
    truth = pd.read_csv(tmp_path / "dirty.csv.truth.csv", keep_default_na=False)
    assert truth.columns.tolist() == ["row", "column", "kind", "dirty", "true"]
    dirty = pd.read_csv(out, dtype=str, keep_default_na=False)
    # Every truth line points at a dirty cell that really holds the dirty value.
    cells = truth[truth["kind"] != "duplicate"]
    for row, col, value in cells[["row", "column", "dirty"]].head(200).itertuples(index=False):
        assert dirty.loc[row, col] == value
    code, stderr = error_of(cli, "data", "corrupt", "islr_wage", "-o", str(out))
    assert code == 1 and "already exists" in stderr


def test_data_corrupt_errors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, stderr = error_of(cli, "data", "corrupt", "telco", "-o", str(tmp_path / "x.csv"))
    assert code == 2 and "unknown dataset 'telco'" in stderr
    code, stderr = error_of(
        cli, "data", "corrupt", "islr_wage", "--rate", "0.9", "-o", str(tmp_path / "x.csv")
    )
    assert code == 2 and "--rate must be in (0, 0.5], got 0.9" in stderr


def test_truth_table_maps_copies_to_their_original() -> None:
    truth = pd.DataFrame({"a": list(range(200)), "b": ["x", "y"] * 100})
    corrupted = corrupt_frame(truth, seed=1, rate=0.1, duplicate_rate=0.05)
    table = truth_table(corrupted)
    dupes = table[table["kind"] == "duplicate"]
    assert len(dupes) == 10
    for row, text in dupes[["row", "true"]].itertuples(index=False):
        original = int(text.removeprefix("copy of row "))
        assert corrupted.dirty.iloc[row].tolist() == corrupted.dirty.iloc[original].tolist()


def test_jsonl_in_parquet_out(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.jsonl"
    lines = [
        '{"Name": " Ann ", "Age": 31, "Member": "yes"}',
        '{"Name": "Bo", "Age": null, "Member": "N"}',
    ]
    source.write_text("\n".join(lines * 3) + "\n", "utf-8")
    code, stdout, stderr = cli("clean", str(source), "-o", str(tmp_path / "out.parquet"))
    assert code == 0, stderr
    frame = pd.read_parquet(tmp_path / "out.parquet")
    assert frame["name"].tolist() == ["Ann", "Bo"]  # trimmed, then the copies dropped
    assert frame["member"].tolist() == [True, False]
    assert "Cleaned 6 rows → 2 rows" in stdout
