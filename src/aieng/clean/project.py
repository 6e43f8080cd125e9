"""Month 1's project: ``aieng clean`` on a real messy table and on a corrupted copy with a truth.

``aieng run m01`` does two things, both through the same files a user would have:

1. **Lending Club loans** (``lending_club_loans``, 10,000 loans × 55 columns, from OpenIntro's
   ``loans_full_schema``): written to CSV, read back as raw text and cleaned with the defaults.
   Real gaps (joint-application columns are 85 % empty), free-text job titles, codes, heavy tails.
2. **A corrupted Telco churn copy**: :func:`aieng.clean.corrupt.corrupt` injects typos, mixed
   formats, missing tokens, outliers and duplicate rows into ``telco_churn`` and keeps the truth;
   the dirty CSV is cleaned with the defaults and :func:`aieng.clean.score.score` measures how
   many corrupted cells came back (or were flagged) and how many clean cells were wrongly changed.

The report shows both: the measured figures first, then for each table what every step did,
column by column, with before/after distributions and the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aieng.clean import changelog
from aieng.clean.config import CleanConfig
from aieng.clean.corrupt import corrupt
from aieng.clean.pipeline import CleanResult, clean
from aieng.clean.report import add_sections
from aieng.clean.score import Score, score
from aieng.datasets import load
from aieng.io import atomic_write
from aieng.reports import Report, new_figure
from aieng.reports.style import PALETTE
from aieng.runs.result import RunConfig, RunResult
from aieng.tables import read_table, write_table


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 1 settings; every field has a default, so ``aieng run m01`` needs none."""

    loans: str = "lending_club_loans"  # the real messy table, cleaned as it is
    corrupted: str = "telco_churn"  # the clean table corrupted with known faults, then scored
    rate: float = 0.05  # share of cells the corrupter changes
    duplicate_rate: float = 0.01  # share of rows it copies


def run(config: Config) -> RunResult:
    """Clean both tables, score the corrupted one, write the report into ``config.out_dir``."""
    settings = CleanConfig()  # the defaults: the measured figures are for what users get
    out = config.out_dir
    loans_raw, loans = _clean_file(load(config.loans), out / f"{config.loans}.csv", settings)

    dirty = corrupt(
        config.corrupted, seed=config.seed, rate=config.rate, duplicate_rate=config.duplicate_rate
    )
    telco_raw, telco = _clean_file(dirty.dirty, out / f"{config.corrupted}_dirty.csv", settings)
    figures = score(dirty, telco)

    report = Report(
        title="Month 1 — data cleaning that logs every change",
        subtitle=f"{config.loans}: {loans.rows_in:,} rows × {len(loans_raw.columns)} columns; "
        f"{config.corrupted} corrupted (seed {config.seed}): {figures.units:,} faults",
    )
    report.metrics(
        {
            "restored or flagged (corrupted Telco)": f"{figures.restore_rate:.2%}",
            "clean cells wrongly altered": f"{figures.false_alteration_rate:.3%}",
            "restored exactly": f"{figures.exact_rate:.1%}",
            "loans: cells changed": sum(c.rows for c in loans.changes),
            "loans: cells flagged": len(loans.flags),
        }
    )
    measured_section(report, figures, config.corrupted)
    add_sections(report, telco_raw, telco, label=f"corrupted {config.corrupted}")
    add_sections(report, loans_raw, loans, label=config.loans)
    path = report.write(out / "report.html")
    metrics = {
        "restore_rate": figures.restore_rate,
        "exact_restore_rate": figures.exact_rate,
        "false_alteration_rate": figures.false_alteration_rate,
        "faults_injected": float(figures.units),
        "loans_rows_out": float(len(loans.frame)),
        "loans_cells_changed": float(sum(c.rows for c in loans.changes)),
        "loans_cells_flagged": float(len(loans.flags)),
    }
    summary = (
        f"Default cleaning restored or flagged {figures.restore_rate:.1%} of {figures.units:,} "
        f"injected faults in {config.corrupted} and wrongly changed "
        f"{figures.false_alteration_rate:.2%} of clean cells; {config.loans} cleaned with "
        f"{len(loans.changes)} logged changes."
    )
    artifacts = {}
    for name in (config.loans, f"{config.corrupted}_dirty"):
        artifacts[name] = out / f"{name}.clean.csv"
        artifacts[f"{name}.changes"] = out / f"{name}.clean.csv.changes.json"
    return RunResult(summary=summary, metrics=metrics, report=path, artifacts=artifacts)


def _clean_file(
    frame: pd.DataFrame, source: Path, settings: CleanConfig
) -> tuple[pd.DataFrame, CleanResult]:
    """Write ``frame`` as a user's CSV, read it back raw, clean it, write the outputs."""
    write_table(frame, source)
    raw = read_table(source, raw=True)
    result = clean(raw, settings)
    target = source.with_name(source.stem + ".clean.csv")
    write_table(result.frame, target, source=source)
    log = changelog.to_json(list(result.changes), summary=result.summary())
    atomic_write(target.with_name(target.name + ".changes.json"), log)
    return raw, result


def measured_section(report: Report, figures: Score, name: str) -> None:
    """The measured bar: restore and false-alteration figures, per fault kind, with a chart."""
    sec = report.section(
        f"Measured on a corrupted {name}",
        intro="Faults were injected into a clean catalog table with a known truth, the dirty "
        "CSV was cleaned with the default settings, and every cell was compared with the truth "
        "(aieng.clean.score says exactly how). A fault counts as handled when its cell is back "
        "to the true value or is flagged for review; a duplicate row when it was dropped.",
    )
    rows = [
        {
            "fault": kind,
            "injected": total,
            "restored": restored,
            "flagged": flagged,
            "handled %": 100.0 * (restored + flagged) / total if total else 100.0,
        }
        for kind, (restored, flagged, total) in figures.by_kind.items()
    ]
    table = pd.DataFrame(rows)
    sec.table(table, max_rows=len(table), caption="Each kind of injected fault and its fate")
    fig, ax = new_figure(width=7.0, height=0.4 * len(table) + 1.2)
    ax.barh(table["fault"], table["restored"], color=PALETTE[0], label="restored")
    ax.barh(
        table["fault"], table["flagged"], left=table["restored"], color=PALETTE[1], label="flagged"
    )
    missed = table["injected"] - table["restored"] - table["flagged"]
    ax.barh(
        table["fault"],
        missed,
        left=table["restored"] + table["flagged"],
        color=PALETTE[3],
        label="missed",
    )
    ax.invert_yaxis()
    ax.set_xlabel("injected faults")
    ax.legend()
    sec.figure(fig, caption="Injected faults: restored, flagged, missed", alt="stacked bars")
    worst = table.sort_values("handled %").iloc[0]
    why = {
        "typo": " — one substituted letter in a short word ('No' → 'Nx') looks like another "
        "code ('NY' → 'NV'), so it is neither merged nor flagged",
    }.get(str(worst["fault"]), "")
    sec.notes(
        [
            f"{figures.restore_rate:.2%} of {figures.units:,} faults restored or flagged "
            f"({figures.exact_rate:.1%} back to the exact true value); the bar is 95 %.",
            f"{figures.altered:,} of {figures.clean_cells:,} clean cells wrongly altered "
            f"({figures.false_alteration_rate:.3%}; the bar is 0.5 %), {figures.altered_by_drop:,} "
            "of them in dropped rows: rows identical to another row of the original data, "
            "which no rule can tell from an injected copy.",
            f"{figures.flagged_clean:,} clean cells were flagged but not changed: the price of "
            "review flags, mostly legitimate extreme values.",
            f"Hardest fault: {worst['fault']} ({worst['handled %']:.1f} % handled){why}.",
        ]
    )
