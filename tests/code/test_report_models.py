"""Months 4 and 6's reports, read as a learner reads them: every number says what it is.

Each test pins one thing a reader was misled by: a yes/no metric at 0.5 shown beside a chosen
threshold of 0.32 without saying so, a calibration gap without the rows behind it, two equal
bars (7,043 rows in, 7,043 out), month 4's sentences about `--task` and `[business]` in a
pipeline that has neither, "drop in RMSE" for an error that rises.

The comparisons are small (240 synthetic rows, 3 folds, a few seconds), made once per module;
the report is built from them as `aieng run m04` and `aieng run m06` build theirs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import f1_score, precision_score, recall_score
from test_supervised import FAST, churn_like

from aieng.pipeline.config import load_config
from aieng.pipeline.evaluation import Evaluation
from aieng.pipeline.report import build_report as pipeline_report
from aieng.pipeline.result import PipelineResult
from aieng.pipeline.stages import StageRecord
from aieng.reports.builder import FigureBlock, NotesBlock, Report, Section, TableBlock
from aieng.supervised import CompareConfig, compare
from aieng.supervised.comparison import Comparison
from aieng.supervised.heldout import calibration_bins
from aieng.supervised.report import build_report as compare_report

YES_NO = ("accuracy", "precision", "recall", "F1")


@pytest.fixture(scope="module")
def churn() -> Comparison:
    c = compare(churn_like(), target="label", config=FAST)
    assert c.threshold is not None and c.threshold.threshold != 0.5  # the case that misleads
    return c


@pytest.fixture(scope="module")
def wage() -> Comparison:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=150), "b": rng.choice(["u", "v"], size=150)})
    frame["y"] = 3 * frame["a"] + (frame["b"] == "v") * 2 + rng.normal(scale=0.3, size=150)
    config = CompareConfig(
        candidates=("dummy", "linear", "scratch_linear", "tree"),
        folds=3,
        repeats=1,
        tree_depths=(1, 2, 6),
        learning_curve_points=2,
        permutation_repeats=2,
    )
    return compare(frame, target="y", config=config)


def pipeline_result(c: Comparison, tmp_path: Path, log: list[dict[str, object]]) -> PipelineResult:
    """A finished month-6 run around ``c``: the default churn config, a clean stage whose
    changes.json holds ``log``, the candidate scored on the held-out rows, no champion yet."""
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "changes.json").write_text(json.dumps(log), encoding="utf-8")
    facts = {"rows_in": 240, "rows": 240, "changes": len(log), "flags": 3}
    stages = [
        StageRecord("clean", "k", "d" * 64, "ran", 0.1, facts, folder),
        StageRecord("train", "k", "e" * 64, "ran", 2.0, {}, tmp_path / "train"),
    ]
    baseline = {m: 0.0 for m in c.test_scores} | {"roc_auc": 0.5, "log_loss": 0.69}
    evaluation = Evaluation(
        task="classification",
        primary="roc_auc",
        rows_train=c.n_train,
        rows_test=c.n_test,
        test=dict(c.test_scores),
        baseline=baseline,
        champion=None,
        champion_version=None,
        champion_note="",
        min_margin=0.1,
        min_improvement=0.0,
    )
    return PipelineResult(
        config=load_config(),
        run_id="0123456789abcdef",
        tracking_uri="sqlite:///mlflow.db",
        stages=stages,
        comparison=c,
        evaluation=evaluation,
        decision=evaluation.decision(),
        model_version="1",
        report=tmp_path / "report.html",
        workspace=tmp_path,
        data_hash="f" * 64,
        facts={"clean": facts, "validate": {"rows": 240}},
    )


OUTLIERS = {
    "step": "outliers",
    "column": "total_charges",
    "rows": 0,
    "note": "3 values outside [-4,948, 7,743] (robust |z| > 3.5): flagged, not changed",
}


@pytest.fixture(scope="module")
def m06(churn: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return pipeline_report(pipeline_result(churn, tmp_path_factory.mktemp("m06"), [OUTLIERS]))


def section(report: Report, title: str) -> Section:
    (found,) = [s for s in report.sections if s.title.endswith(title)]
    return found


def tables(sec: Section) -> list[TableBlock]:
    return [b for b in sec.blocks if isinstance(b, TableBlock)]


def notes(sec: Section) -> str:
    return " ".join(i for b in sec.blocks if isinstance(b, NotesBlock) for i in b.items)


def text(report: Report) -> str:
    """Every word a reader sees: titles, intros, notes, table captions, headers and cells."""
    parts = [report.title, report.subtitle, *(label for label, _ in report.cards)]
    for sec in report.sections:
        parts += [sec.title, sec.intro, notes(sec)]
        for t in tables(sec):
            parts += [t.caption, *t.columns, *(cell for row in t.rows for cell in row)]
    return "\n".join(parts)


# ---------------------------------------------------------------- thresholds


def test_every_yes_no_metric_names_the_threshold_it_was_counted_at(
    m06: Report, churn: Comparison
) -> None:
    """Accuracy, precision, recall and F1 change with the threshold: a table that shows one
    must say which threshold, in its caption, its header or the metric's own row."""
    assert churn.threshold is not None
    chosen = f"{churn.threshold.threshold:.2f}"
    for report in (m06, compare_report(churn)):
        for sec in report.sections:
            for t in tables(sec):
                cells = [*t.columns, *(row[0] for row in t.rows)]
                if not any(name in cells for name in YES_NO):
                    continue
                named = [t.caption, *t.columns, *(row[0] for row in t.rows)]
                assert any(re.search(r"\b0\.50?\b|" + chosen, part) for part in named), (
                    f"{sec.title!r}: table {t.caption!r} shows yes/no metrics at no named threshold"
                )


def test_m06_shows_the_candidate_at_the_threshold_it_is_served_with(
    m06: Report, churn: Comparison
) -> None:
    assert churn.threshold is not None
    t = churn.threshold.threshold
    sec = section(m06, "Gates and the champion rule")
    (decided,) = [tb for tb in tables(sec) if "recall" in [row[0] for row in tb.rows]]
    column = decided.columns.index(f"candidate at {t:.2f} (chosen)")
    shown = {row[0]: float(row[column]) for row in decided.rows}
    said = churn.test_output >= t
    assert shown["recall"] == pytest.approx(recall_score(churn.y_test, said), abs=5e-4)
    assert shown["precision"] == pytest.approx(precision_score(churn.y_test, said), abs=5e-4)
    assert shown["F1"] == pytest.approx(f1_score(churn.y_test, said), abs=5e-4)
    assert "candidate at 0.50" in decided.columns and "baseline at 0.50" in decided.columns
    assert m06.cards[-1] == ("decision threshold", f"{t:.2f}")


# ---------------------------------------------------------------- calibration


def test_the_calibration_bins_are_scikit_learns_with_their_row_counts() -> None:
    rng = np.random.default_rng(0)
    proba = np.concatenate([rng.random(500), [0.1, 0.2, 0.3, 0.0, 1.0]])  # edges land in bins
    y = (rng.random(len(proba)) < proba).astype(int)
    bins = calibration_bins(y, proba)
    observed, predicted = calibration_curve(y, proba, n_bins=10)
    np.testing.assert_allclose(bins["observed"], observed)
    np.testing.assert_allclose(bins["predicted"], predicted)
    assert bins["rows"].sum() == len(proba)
    assert bins["rows"].iloc[0] == int(np.sum(proba <= 0.1))  # 0.1 is in the first bin


def test_the_calibration_gap_comes_with_the_rows_of_its_bin(churn: Comparison) -> None:
    sec = section(compare_report(churn), "Confusion matrix and calibration")
    (calibration,) = [t for t in tables(sec) if "observed" in t.columns]
    rows = calibration.columns.index("rows")
    counts = [int(row[rows].replace(",", "")) for row in calibration.rows]
    assert sum(counts) == churn.n_test
    bins = calibration_bins(churn.y_test, churn.test_output)
    worst = bins.iloc[int(np.argmax(bins["gap"].abs()))]
    assert f"in the bin {worst['bin']}, which holds {int(worst['rows']):,} of" in notes(sec)


# ---------------------------------------------------------------- what applies to month 6


def test_m06_says_only_what_applies_to_a_pipeline(m06: Report) -> None:
    words = text(m06)
    assert "--task" not in words  # a pipeline has no such option
    assert "config [train.business]" in words and "config [business]" not in words
    assert "month-3 twin" not in words  # no from-scratch model among its candidates
    clean = section(m06, "Cleaning (month 1)").intro
    ran, off = clean.split("Off: ")
    # churn.toml turns duplicates off and a pipeline refuses the steps that learn from rows.
    for step in ("spellings of a category", "duplicate rows", "filling gaps", "types"):
        assert step in off and step not in ran


def test_m06_cleaning_shows_the_change_log_and_no_plot_of_two_equal_bars(m06: Report) -> None:
    sec = section(m06, "Cleaning (month 1)")
    assert not [b for b in sec.blocks if isinstance(b, FigureBlock)]
    (log,) = tables(sec)
    assert log.rows == (("outliers", "total_charges", "0", OUTLIERS["note"]),)
    assert "240 rows in, 240 out (0 dropped); 0 cells changed; 3 cells flagged" in notes(sec)


def test_m06_states_each_gate_once(m06: Report) -> None:
    said = [i for b in section(m06, "Gates and the champion rule").blocks
            if isinstance(b, NotesBlock) for i in b.items]  # fmt: skip
    assert len(said) == 1 and said[0].startswith("Champion: the first model")


def test_month_4_keeps_its_own_wording(churn: Comparison, wage: Comparison) -> None:
    words = text(compare_report(churn))
    assert "config [business]" in words
    assert "month-3 twin" in text(compare_report(wage))  # scratch_linear is a candidate there


# ---------------------------------------------------------------- errors go up, not down


def test_an_error_metric_rises_when_a_column_is_shuffled(wage: Comparison) -> None:
    report = compare_report(wage)
    sec = section(report, "Permutation importance (test split)")
    first = wage.importance.iloc[0]
    assert first["mean"] > 0  # shuffling the column that matters makes RMSE worse
    assert f"RMSE rises by {first['mean']:.3f} when shuffled" in notes(sec)
    assert "drop" not in sec.intro and "−" not in notes(sec)
    curves = section(report, "Learning and validation curves").intro
    assert "validation error rising" in curves and "validation falling" not in curves


def test_the_learning_curves_rows_are_a_folds_not_the_training_splits(
    churn: Comparison,
) -> None:
    said = notes(section(compare_report(churn), "Learning and validation curves"))
    largest = int(churn.learning["train_size"].iloc[-1])
    assert largest < churn.n_train
    assert f"trained on {largest:,} rows, the training part of one cross-validation fold" in said
    assert f"(of {churn.n_train:,} training rows)" in said
