"""`aieng clean` and `aieng data corrupt` through the CLI: outputs, logs and every error message."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

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


# --- all or nothing: a clean that fails while writing leaves no output behind ------------------


def _fail_on_the_nth_flush(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """The disk fills up while the n-th file is flushed (1 = the table, 3 = the flags…).

    Every file goes through aieng.io, which flushes each one, in order, before it is visible.
    """
    import aieng.io

    real_fsync, calls = os.fsync, [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(aieng.io.os, "fsync", fsync)


def _clean_args(messy: Path, out: Path, report: bool) -> list[str]:
    args = ["clean", str(messy), "-o", str(out)]
    return [*args, "--report", str(out.parent / "r.html")] if report else args


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
@pytest.mark.parametrize(("report", "failing"), [(False, 2), (False, 3), (True, 3), (True, 4)])
def test_a_clean_that_fails_midway_leaves_nothing_and_the_rerun_works(  # type: ignore[no-untyped-def]
    cli,
    messy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    report: bool,
    failing: int,
) -> None:
    out = tmp_path / f"clean{suffix}"
    with monkeypatch.context() as patch:
        _fail_on_the_nth_flush(patch, failing)
        code, stderr = error_of(cli, *_clean_args(messy, out, report))
    assert code == 1
    assert "Error: cannot write '" in stderr and "No space left on device" in stderr
    assert "bug" not in stderr
    assert [p.name for p in tmp_path.iterdir()] == ["messy.csv"]  # no output, no temporary file
    code, _, stderr = cli(*_clean_args(messy, out, report))  # no --force needed
    assert code == 0, stderr
    expected = {"messy.csv", out.name, f"{out.name}.changes.json", f"{out.name}.flags.csv"}
    assert {p.name for p in tmp_path.iterdir()} == expected | ({"r.html"} if report else set())


def test_a_forced_clean_that_fails_keeps_the_earlier_outputs(  # type: ignore[no-untyped-def]
    cli, messy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "clean.csv"
    for name in (out.name, f"{out.name}.changes.json", f"{out.name}.flags.csv", "r.html"):
        (tmp_path / name).write_text(f"{name} from an earlier run\n")
    earlier = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    _fail_on_the_nth_flush(monkeypatch, 3)
    code, stderr = error_of(cli, *_clean_args(messy, out, True), "--force")
    assert code == 1 and "No space left on device" in stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == earlier  # all the old set


def test_a_clean_whose_flags_cannot_be_written_writes_nothing(  # type: ignore[no-untyped-def]
    cli, messy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The third file fails while it is written, not at the flush.
    real_to_csv = pd.DataFrame.to_csv

    def to_csv(frame: pd.DataFrame, path: Any = None, **kwargs: Any) -> Any:
        if "flags.csv" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_to_csv(frame, path, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    code, stderr = error_of(cli, "clean", str(messy), "-o", str(tmp_path / "clean.parquet"))
    assert code == 1 and "No space left on device" in stderr and "bug" not in stderr
    assert [p.name for p in tmp_path.iterdir()] == ["messy.csv"]


@pytest.mark.parametrize("failing", [1, 2])
def test_a_corrupt_that_fails_midway_leaves_neither_file(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    out = tmp_path / "dirty.parquet"
    with monkeypatch.context() as patch:
        _fail_on_the_nth_flush(patch, failing)
        code, stderr = error_of(cli, "data", "corrupt", "islr_default", "-o", str(out))
    assert code == 1 and "No space left on device" in stderr and "bug" not in stderr
    assert list(tmp_path.iterdir()) == []  # a dirty file without its truth is no use
    code, _, stderr = cli("data", "corrupt", "islr_default", "-o", str(out))
    assert code == 0, stderr
    assert {p.name for p in tmp_path.iterdir()} == {out.name, f"{out.name}.truth.csv"}


def test_a_corrupt_with_a_bad_truth_suffix_writes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, truth = tmp_path / "dirty.csv", tmp_path / "truth.xlsx"
    code, stderr = error_of(
        cli, "data", "corrupt", "islr_default", "-o", str(out), "--truth", str(truth)
    )
    assert code == 2 and "cannot write 'truth.xlsx': unsupported suffix '.xlsx'" in stderr
    assert list(tmp_path.iterdir()) == []
