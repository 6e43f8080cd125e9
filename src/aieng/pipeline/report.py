"""The pipeline's report: what each stage did, the contract, the model comparison, the decision.

The comparison's sections are month 4's own (:func:`aieng.supervised.report.add_sections`), so
the pipeline's report shows the same leaderboard, curves and held-out plots as ``aieng compare``;
what differs in a pipeline (where its config keeps the business case, which cleaning steps it
allows) is said here, not copied from month 4 or month 1.

Yes/no metrics (accuracy, precision, recall, F1) always name their threshold: the evaluate stage
scores them at scikit-learn's 0.5, while the registered model, and so month 10's service,
answers yes at the threshold the business case chose (0.32 on churn).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from aieng.contract import ContractViolation
from aieng.contract.report import add_contract_section
from aieng.reports import PALETTE, Report, new_figure
from aieng.supervised.evaluate import NAMES
from aieng.supervised.heldout import DEFAULT_THRESHOLD, THRESHOLD_METRICS, at_threshold
from aieng.supervised.report import add_sections

if TYPE_CHECKING:
    from aieng.pipeline.config import PipelineConfig
    from aieng.pipeline.result import PipelineResult

# Grey for what did not run this time (a skipped stage, the baseline): present, not news.
MUTED = "#B0B0B0"
STATUS_COLOR = {"ran": PALETTE[0], "skipped": MUTED, "failed": PALETTE[3]}


def build_report(r: PipelineResult) -> Report:
    """The whole report of a finished run."""
    ev = r.evaluation
    primary = ev.primary
    name = NAMES.get(primary, primary)
    report = Report(
        title=f"Month 6 — the '{r.config.name}' pipeline",
        subtitle=f"{r.config.data.source} → {r.comparison.winner} → "
        f"{r.decision.outcome} · MLflow run {r.run_id[:8]}",
    )
    cards: dict[str, float | str] = {
        "decision": r.decision.outcome,
        "model version": r.model_version or "not registered",
        f"{name} (held out)": ev.test[primary],
        f"baseline {name}": ev.baseline[primary],
    }
    if ev.champion is not None:
        cards[f"champion {name}"] = ev.champion[primary]
    if r.comparison.threshold is not None:
        cards["decision threshold"] = r.comparison.threshold.threshold
    report.metrics(cards)
    _stages_section(report, r)
    _decision_section(report, r)
    validate = r.facts.get("validate", {})
    add_contract_section(report, r.config.contract, None, rows=int(validate.get("rows", 0)))
    _clean_section(report, r)
    add_sections(report, r.comparison, prefix="Training · ", business_table="train.business")
    return report


def failure_report(config: PipelineConfig, exc: ContractViolation, *, rows: int) -> Report:
    """The report of a run that the contract stopped: which rows broke which rule."""
    report = Report(
        title=f"Month 6 — the '{config.name}' pipeline stopped at validation",
        subtitle=f"{config.data.source}: {exc.message}",
    )
    add_contract_section(report, config.contract, exc.failures, rows=rows)
    return report


def _stages_section(report: Report, r: PipelineResult) -> None:
    ran = [s.name for s in r.stages if s.status == "ran"]
    sec = report.section(
        "The stages",
        intro="Each stage's key is the hash of its inputs and settings; a stage whose key did "
        "not change is skipped and its earlier outputs reused. `--force` reruns every stage.",
    )
    sec.notes(
        [
            f"Ran: {', '.join(ran) or 'none'}; skipped: "
            f"{', '.join(s.name for s in r.stages if s.status == 'skipped') or 'none'}.",
            f"Data hash {r.data_hash[:12]}; config hash {r.config.digest()[:12]}.",
            f"Stage outputs: {r.workspace}.",
        ]
    )
    undeclared = r.facts.get("validate", {}).get("undeclared") or []
    if undeclared:
        sec.notes(
            [f"Columns the contract does not declare (kept, unchecked): {', '.join(undeclared)}."]
        )
    fig, ax = new_figure(height=0.4 * len(r.stages) + 1.2)
    names = [s.name for s in r.stages][::-1]
    seconds = [s.seconds for s in r.stages][::-1]
    colors = [STATUS_COLOR[s.status] for s in r.stages][::-1]
    ax.barh(names, seconds, color=colors)
    for y, s in enumerate(r.stages[::-1]):
        ax.text(s.seconds, y, f" {s.status}", va="center", fontsize=9)
    ax.set_xlabel("seconds (a skipped stage shows the time it took when it last ran)")
    sec.figure(fig, caption="Time per stage", alt="Horizontal bars of seconds per stage")
    table = pd.DataFrame(
        {
            "stage": [s.name for s in r.stages],
            "status": [s.status for s in r.stages],
            "seconds": [round(s.seconds, 2) for s in r.stages],
            "output hash": [s.short for s in r.stages],
            "facts": [s.facts_text() for s in r.stages],
        }
    )
    sec.table(table, caption="What each stage did in this run")


def _decision_section(report: Report, r: PipelineResult) -> None:
    ev = r.evaluation
    primary = ev.primary
    name = NAMES.get(primary, primary)
    sec = report.section(
        "Gates and the champion rule",
        intro=f"On the same {ev.rows_test:,} held-out rows: the candidate must beat the dummy "
        f"baseline's {name} by {ev.min_margin}, and the current champion's by more than "
        f"{ev.min_improvement} to take the `champion` alias.",
    )
    # A gate's detail is often the reason itself (the first champion): say it once.
    details = [g.detail for g in r.decision.gates if g.detail not in r.decision.reason]
    sec.notes([r.decision.reason, *details])
    labels = ["baseline", f"candidate\n({r.comparison.winner})"]
    values = [ev.baseline[primary], ev.test[primary]]
    if ev.champion is not None:
        labels.append(f"champion\n(version {ev.champion_version})")
        values.append(ev.champion[primary])
    fig, ax = new_figure(height=3.2)
    ax.bar(labels, values, color=[MUTED, PALETTE[0], PALETTE[2]][: len(values)])
    ax.axhline(
        ev.baseline[primary] + ev.min_margin,
        color=PALETTE[3],
        linestyle="--",
        label="the gate: baseline + margin",
    )
    for x, v in enumerate(values):
        ax.text(x, v, f"{v:.3f}", ha="center", va="bottom")
    ax.set_ylabel(f"{name} on the held-out rows")
    ax.legend(loc="lower right")
    sec.figure(fig, caption="The candidate against the baseline and the champion", alt="Bars")
    columns = {"candidate": ev.test, "baseline": ev.baseline}
    if ev.champion is not None:
        columns["champion"] = ev.champion
    free = [m for m in ev.test if m not in THRESHOLD_METRICS]
    table = pd.DataFrame({"metric": [NAMES.get(m, m) for m in free]})
    for column, scores in columns.items():
        table[column] = [scores[m] for m in free]
    sec.table(table, caption="Scores that need no threshold, on the held-out rows")
    decided = [m for m in THRESHOLD_METRICS if m in ev.test]
    if decided:
        sec.table(
            _decided_table(r, decided, columns),
            caption="Yes/no metrics on the held-out rows, each column at the threshold it "
            "names: the chosen one is what the registered model (and month 10's service) "
            f"uses; {DEFAULT_THRESHOLD:.2f} is scikit-learn's default, at which the evaluate "
            "stage scores every model (and MLflow logs test_accuracy, …)",
        )


def _decided_table(
    r: PipelineResult, metrics: list[str], columns: dict[str, dict[str, float]]
) -> pd.DataFrame:
    """Accuracy, precision, recall, F1: the candidate at the chosen threshold, then every model
    at 0.5. The chosen column is computed from the candidate's held-out probabilities, which the
    train stage kept (``Comparison.test_output``: the same model, the same rows)."""
    table = pd.DataFrame({"metric": [NAMES.get(m, m) for m in metrics]})
    c = r.comparison
    if c.threshold is not None:
        chosen = c.threshold.threshold
        scores = at_threshold(c.y_test, c.test_output, chosen)
        table[f"candidate at {chosen:.2f} (chosen)"] = [scores[m] for m in metrics]
    for column, values in columns.items():
        table[f"{column} at {DEFAULT_THRESHOLD:.2f}"] = [values[m] for m in metrics]
    return table


# Month 1's steps as a reader knows them, in the order they run.
CLEAN_STEPS = {
    "names": "column names to snake_case",
    "trim": "stray whitespace",
    "missing_tokens": "missing-value tokens (NA, n/a, -, …)",
    "types": "types",
    "categories": "spellings of a category",
    "duplicates": "duplicate rows",
    "missing_values": "filling gaps",
    "outliers": "outliers",
}


def _clean_section(report: Report, r: PipelineResult) -> None:
    clean = r.config.clean
    ran = [what for step, what in CLEAN_STEPS.items() if getattr(clean, step).enabled]
    off = [what for step, what in CLEAN_STEPS.items() if not getattr(clean, step).enabled]
    if clean.outliers.enabled and clean.outliers.action == "flag":
        ran[ran.index("outliers")] = "outliers (flagged, never changed)"
    sec = report.section(
        "Cleaning (month 1)",
        intro="Month 1's cleaning, after validation, with the steps this config enables: "
        f"{', '.join(ran) or 'none'}. Off: {', '.join(off) or 'none'}. A pipeline allows only "
        "row-local steps: types come from the contract, and gaps are filled inside the model's "
        "Pipeline, on training rows only.",
    )
    facts = r.facts.get("clean", {})
    rows_in, rows_out = int(facts.get("rows_in", 0)), int(facts.get("rows", 0))
    log = _clean_log(r)
    changed = sum(int(e["rows"]) for e in log if e["step"] != "duplicates")
    sec.notes(
        [
            f"{rows_in:,} rows in, {rows_out:,} out ({rows_in - rows_out:,} dropped); "
            f"{changed:,} cells changed; {facts.get('flags', 0):,} cells flagged for review "
            "(a flag never changes a value).",
        ]
    )
    # No plot: rows in and rows out are two numbers, and the sentence above says them.
    if log:
        table = pd.DataFrame(log)[["step", "column", "rows", "note"]]
        table.columns = ["step", "column", "cells changed", "what and why"]
        sec.table(table, caption="The cleaning's change log (the clean stage's changes.json)")


def _clean_log(r: PipelineResult) -> list[dict[str, Any]]:
    """The clean stage's change log, as it wrote it; empty if the stage folder has none."""
    stage = next((s for s in r.stages if s.name == "clean"), None)
    path = None if stage is None else stage.folder / "changes.json"
    if path is None or not path.is_file():
        return []
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return entries
