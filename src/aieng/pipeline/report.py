"""The pipeline's report: what each stage did, the contract, the model comparison, the decision.

The comparison's sections are month 4's own (:func:`aieng.supervised.report.add_sections`), so
the pipeline's report shows the same leaderboard, curves and held-out plots as ``aieng compare``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from aieng.contract import ContractViolation
from aieng.contract.report import add_contract_section
from aieng.reports import PALETTE, Report, new_figure
from aieng.supervised.evaluate import NAMES
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
    report.metrics(cards)
    _stages_section(report, r)
    _decision_section(report, r)
    validate = r.facts.get("validate", {})
    add_contract_section(report, r.config.contract, None, rows=int(validate.get("rows", 0)))
    _clean_section(report, r)
    add_sections(report, r.comparison, prefix="Training · ")
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
    sec.notes([r.decision.reason, *[g.detail for g in r.decision.gates]])
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
    rows = {"candidate": ev.test, "baseline": ev.baseline}
    if ev.champion is not None:
        rows["champion"] = ev.champion
    table = pd.DataFrame(rows).rename(index=lambda m: NAMES.get(m, m))
    table.index.name = "metric"
    sec.table(table.reset_index(), caption="Every metric on the held-out rows")


def _clean_section(report: Report, r: PipelineResult) -> None:
    facts = r.facts.get("clean", {})
    sec = report.section(
        "Cleaning (month 1)",
        intro="Month 1's cleaning, after validation: spellings, missing-value tokens, "
        "duplicates and outliers. Types come from the contract; gaps are filled inside the "
        "model's Pipeline, on training rows only.",
    )
    rows_in, rows_out = int(facts.get("rows_in", 0)), int(facts.get("rows", 0))
    sec.notes(
        [
            f"{rows_in:,} rows in, {rows_out:,} out; {facts.get('changes', 0)} changes logged, "
            f"{facts.get('flags', 0)} cells flagged (flags never change a value).",
        ]
    )
    fig, ax = new_figure(height=2.4)
    ax.bar(["rows in", "rows out"], [rows_in, rows_out], color=[PALETTE[0], PALETTE[1]])
    ax.set_ylabel("rows")
    sec.figure(fig, caption="Rows before and after cleaning", alt="Two bars")
