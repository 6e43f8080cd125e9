"""`aieng run m05` end to end on the real Telco customers: segments, report, assignments."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from aieng.runs import run_month


@pytest.mark.slow
def test_m05_segments_telco_customers_and_writes_report_and_assignments(
    aieng_home: Path,
) -> None:
    record = run_month("m05", seed=0)
    m = record.result.metrics
    assert m["k"] == 4  # silhouette ties k = 2-4 (within 0.01); the elbow breaks the tie at 4
    assert 0.15 <= m["silhouette"] <= 0.25  # measured 0.197: overlapping, not islands
    assert m["stability_ari_min"] >= 0.95  # measured 0.991
    assert m["max_pca_gap"] <= 1e-8  # our month-3 PCA against scikit-learn's, up to sign
    assert m["churn_rate_min"] <= 0.12 and m["churn_rate_max"] >= 0.45  # measured 7 % and 57 %
    assert 0.0 <= m["anomaly_overlap"] <= 1.0

    html = record.result.report.read_text()
    assert html.count('src="data:image/png;base64,') >= 6  # k, profiles, churn, PCA, ARI, anomalies
    assert "Segment 1, " in html and "churn = Yes" in html
    assert "female" in html and "senior_citizen" in html  # described, not clustered on
    assert "within the tolerance 1e-08" in html

    segments = record.result.artifacts["segments"]
    assigned = pd.read_csv(segments)
    assert len(assigned) == 7043 and set(assigned["segment"]) == {1, 2, 3, 4}
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m05" and doc["artifacts"] == {"segments": "segments.csv"}
