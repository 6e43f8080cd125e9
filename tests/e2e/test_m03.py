"""`aieng run m03` end to end on the real ISLR Wage data: numbers with floors, a full report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.runs import run_month


@pytest.mark.slow
def test_m03_runs_on_real_data_and_matches_scikit_learn(aieng_home: Path) -> None:
    record = run_month("m03", seed=0)
    m = record.result.metrics
    assert m["max_coef_gap_closed_form"] < 1e-6  # same least-squares problem, same answer
    assert m["max_coef_gap_gd"] < 1e-2  # $1000s per unit; gd stops on tol after ≤ 500 epochs
    # Mini-batch noise, damped by the 1/t schedule: within 1 % of the largest coefficient (≈ 50).
    assert m["max_coef_gap_sgd"] < 0.5
    assert m["max_pca_gap"] < 1e-8
    # Metric floor on held-out data: published linear fits of Wage on these features reach
    # R² ≈ 0.3; a broken design matrix or a leak would fall far below or jump far above.
    assert 0.25 <= m["r2_test"] <= 0.40
    assert 30 <= m["rmse_test"] <= 45

    html = record.result.report.read_text()
    assert html.count('src="data:image/png;base64,') >= 4  # loss, coefficients, residuals, PCA
    assert "η = 2.5 (diverged)" in html or "diverged" in html  # the too-large step is shown
    assert "gradient descent diverged at iteration" in html
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m03" and doc["report"] == "report.html"
