"""`aieng run m10` end to end: runs month 6 (no champion yet), serves it, uses it, reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from aieng.runs import run_month


@pytest.mark.slow
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_m10_serves_the_champion_and_logs_every_prediction(aieng_home: Path) -> None:
    record = run_month("m10", seed=0)
    m = record.result.metrics
    # 200 single requests + 1,000 customers in batches, all logged; every outcome fed back.
    assert m["logged"] == 1200 and m["feedback"] == 1000
    assert m["refused"] == 4  # each contract-breaking request got its 422
    assert m["latency_p50_ms"] > 0 and m["batch_rows_per_s"] > 0
    assert "churn v1" in record.result.summary  # month 6 ran first and left version 1

    html = record.result.report.read_text()
    assert html.count('src="data:image/png;base64,') >= 2  # latency, probabilities
    for text in ("an integer from 0 to 120", "did you mean", "Monthly", "compiled to NumPy"):
        assert text in html
    with sqlite3.connect(record.run_dir / "predictions.db") as conn:
        (n,) = conn.execute("SELECT COUNT(*) FROM predictions").fetchone()
    assert n == 1200
