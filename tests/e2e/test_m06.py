"""`aieng run m06` end to end: the churn pipeline leaves a champion in the embedded registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aieng.runs import run_month


@pytest.mark.slow
def test_m06_runs_the_churn_pipeline_and_leaves_a_champion(aieng_home: Path) -> None:
    import mlflow.sklearn

    from aieng.registry.tracking import connect

    record = run_month("m06", seed=0)
    m = record.result.metrics
    assert m["test_roc_auc"] >= 0.83  # held-out; published baselines on this set are 0.84–0.85
    assert m["baseline_test_roc_auc"] == pytest.approx(0.5)
    assert m["stages_skipped"] == 0
    assert "champion, model 'churn' version 1" in record.result.summary

    html = record.result.report.read_text()
    assert html.count('src="data:image/png;base64,') >= 10  # stages, gates, month 4's plots
    for heading in ("The stages", "Gates and the champion rule", "Training · "):
        assert heading in html

    # The embedded store under $AIENG_HOME holds the run and the champion month 10 serves.
    assert (aieng_home / "mlflow" / "mlflow.db").is_file()
    client = connect()
    champion = client.get_model_version_by_alias("churn", "champion")
    assert str(champion.version) == "1"
    model = mlflow.sklearn.load_model("models:/churn@champion")
    assert hasattr(model, "predict_proba")
    meta = client.get_run(champion.run_id).data.tags
    assert meta["aieng.decision"] == "champion" and meta["aieng.winner"]
    doc = json.loads((record.run_dir / "result.json").read_text())
    assert doc["month"] == "m06"

    # Nothing changed but the champion (none → version 1): only the evaluation is redone.
    again = run_month("m06", seed=0)
    assert again.result.metrics["stages_skipped"] == 7
    assert "champion, model 'churn' version 1" in again.result.summary
    assert again.result.metrics["test_roc_auc"] == m["test_roc_auc"]
