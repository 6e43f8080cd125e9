"""`aieng run m02` end to end on the real Telco churn data: known facts, intervals, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.runs import run_month


@pytest.mark.slow
def test_m02_explores_telco_churn_and_audits_its_sensitive_groups(aieng_home: Path) -> None:
    record = run_month("m02", seed=0)
    m = record.result.metrics
    # Facts the data card states: 20 columns, total_charges missing for 11 customers, 26.5 % churn.
    assert m["n_columns"] == 20
    assert m["missing_cells"] == 11
    assert m["positive_rate"] == pytest.approx(1869 / 7043)
    # Seniors churn at 41.7 % (476/1142) vs 23.6 % (1393/5901): the largest gap, 18.1 points.
    assert m["largest_disparity"] == pytest.approx(476 / 1142 - 1393 / 5901)
    # Its 95 % credible interval (normal approximation: ± 1.96 · 0.0149 ≈ ± 2.9 points).
    assert 0.145 < m["largest_disparity_low"] < 0.157
    assert 0.205 < m["largest_disparity_high"] < 0.217
    assert 0.05 < m["top_mutual_information"] < 0.2
    assert "`contract` tells the most" in record.result.summary
    assert "senior_citizen = True vs False" in record.result.summary

    html = record.result.report.read_text()
    assert html.count('src="data:image/png;base64,') >= 10
    assert "churn at 42.7% vs 2.8%" in html or "churn = Yes at 42.7% vs 2.8%" in html
    assert "positive class: &#39;Yes&#39;, from the data card" in html
    assert "`tenure` is slightly right-skewed (skew 0.24)" in html
    assert len(html) < 2_500_000  # PNG small multiples keep the report small
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m02" and doc["report"] == "report.html"
