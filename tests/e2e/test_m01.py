"""`aieng run m01` end to end: Lending Club cleaned, corrupted Telco scored, a full report."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from aieng.runs import run_month


@pytest.mark.slow
def test_m01_cleans_loans_and_restores_corrupted_telco(aieng_home: Path) -> None:
    record = run_month("m01", seed=0)
    m = record.result.metrics
    # The measured bar, on the run's own corrupted copy (seed 0).
    assert m["restore_rate"] >= 0.95
    assert m["false_alteration_rate"] <= 0.005
    assert m["faults_injected"] > 5000
    # Lending Club is real data: nothing to deduplicate, many real gaps logged, no row lost.
    assert m["loans_rows_out"] == 10_000
    assert m["loans_cells_changed"] > 0

    loans = pd.read_csv(record.run_dir / "lending_club_loans.clean.csv")
    assert "annual_income_joint" in loans.columns  # 85 % missing: kept and left missing
    assert loans["annual_income_joint"].isna().mean() > 0.8
    log = json.loads((record.run_dir / "lending_club_loans.clean.csv.changes.json").read_text())
    notes = " ".join(c["note"] for c in log["changes"])
    assert "> max_share 50%" in notes

    html = record.result.report.read_text()
    assert "Measured on a corrupted telco_churn" in html
    assert html.count('src="data:image/png;base64,') >= 10
    assert "Change log — lending_club_loans" in html
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m01" and doc["report"] == "report.html"
    assert set(doc["artifacts"]) == {
        "lending_club_loans",
        "lending_club_loans.changes",
        "telco_churn_dirty",
        "telco_churn_dirty.changes",
    }
