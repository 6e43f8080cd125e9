"""``aieng explore`` through the CLI: a report on a real file, and every bad input as Error/Hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

Cli = Callable[..., tuple[int, str, str]]


def write_customers(path: Path, *, churn: str | None = None) -> Path:
    """400 customers: contract A churns 40 %, B 10 %; a constant and an all-empty column."""
    lines = ["contract,tenure,senior,country,notes,churn"]
    for i in range(400):
        churned = i < 80 or 200 <= i < 220
        value = churn or ("Yes" if churned else "No")
        lines.append(f"{'A' if i < 200 else 'B'},{(i * 37) % 71},{i % 2 == 0},NL,,{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def table(tmp_path: Path) -> Path:
    return write_customers(tmp_path / "customers.csv")


def assert_user_error(result: tuple[int, str, str], message: str, hint: str) -> None:
    code, _, err = result
    assert code != 0
    error, hint_line = err.splitlines()[:2]
    assert error.startswith("Error: ") and message in error
    assert hint_line.startswith("Hint: ") and hint in hint_line
    assert "Traceback" not in err and "internal error" not in err


def test_explore_writes_the_report_and_prints_insights(cli: Cli, table: Path) -> None:
    out = table.parent / "report.html"
    code, stdout, _ = cli(
        "explore", str(table), "--target", "churn", "-s", "senior", "-o", str(out)
    )
    assert code == 0, stdout
    assert f"Wrote the exploration report to {out}" in stdout
    assert "25.0% of rows have churn = Yes (100 of 400" in stdout
    html = out.read_text()
    assert "Bias: sensitive attributes" in html and "`country` has a single value" in html
    assert "`notes` is missing in all 400 rows" in html  # an all-empty CSV column


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("explore", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "r.html"))
    assert_user_error(result, "no such file", "check the path")


def test_empty_file(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = cli("explore", str(empty), "-o", str(tmp_path / "r.html"))
    assert_user_error(result, "is an empty file (0 bytes)", "give a file with a header line")


def test_header_only_file(cli: Cli, tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    header.write_text("a,b\n")
    result = cli("explore", str(header), "-o", str(tmp_path / "r.html"))
    code, _, err = result
    assert code != 0 and "Error:" in err and "Hint:" in err and "Traceback" not in err


def test_wrong_target_name(cli: Cli, table: Path) -> None:
    result = cli("explore", str(table), "--target", "chrun", "-o", str(table.parent / "r.html"))
    assert_user_error(result, "unknown target column 'chrun'", "Did you mean 'churn'?")


def test_wrong_sensitive_name(cli: Cli, table: Path) -> None:
    result = cli(
        "explore", str(table), "-t", "churn", "-s", "senoir", "-o", str(table.parent / "r.html")
    )
    assert_user_error(result, "unknown sensitive column 'senoir'", "Did you mean 'senior'")


def test_target_with_one_value(cli: Cli, tmp_path: Path) -> None:
    path = write_customers(tmp_path / "one.csv", churn="No")
    result = cli("explore", str(path), "-t", "churn", "-o", str(tmp_path / "r.html"))
    assert_user_error(
        result, "the target 'churn' has one value ('No')", "choose a target with at least two"
    )


def test_existing_output_needs_force(cli: Cli, table: Path) -> None:
    out = table.parent / "report.html"
    out.write_text("keep me")
    result = cli("explore", str(table), "-o", str(out))
    assert_user_error(result, "already exists", "pass --force to overwrite it")
    assert out.read_text() == "keep me"
    code, _, _ = cli("explore", str(table), "-o", str(out), "--force")
    assert code == 0 and out.read_text() != "keep me"


def test_output_cannot_be_the_input(cli: Cli, table: Path) -> None:
    before = table.read_bytes()
    result = cli("explore", str(table), "-o", str(table), "--force")
    assert_user_error(result, "is the input file", "inputs are never modified")
    assert table.read_bytes() == before


@pytest.mark.slow
def test_wide_table_says_what_it_left_out(cli: Cli, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(40, 300))).add_prefix("x")
    frame["churn"] = np.where(frame["x0"] > 0, "Yes", "No")
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "report.html"
    code, stdout, err = cli("explore", str(path), "--target", "churn", "-o", str(out))
    assert code == 0, err
    said = "Wide table: 301 analysable columns would make 45,150 pairs, so the pairwise"
    assert said in stdout  # on the terminal, and in the report
    assert said in out.read_text()
