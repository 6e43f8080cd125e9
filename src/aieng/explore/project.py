"""Month 2's project: exploratory data analysis of IBM's Telco churn data, with a bias audit.

``aieng run m02`` profiles the 7,043 customers (every column's distribution, gaps, duplicates),
measures how the columns go together (Pearson, Spearman, Cramér's V, correlation ratio), ranks
the features by mutual information with churn, and audits churn between the sensitive groups
(sex, senior citizen) with Bayesian credible intervals — then says what it found in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from aieng.datasets import get_card, load
from aieng.explore.analysis import explore
from aieng.explore.bias import Prior
from aieng.explore.report import build_report
from aieng.runs.result import RunConfig, RunResult


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 2 settings; every field has a default, so ``aieng run m02`` needs none."""

    dataset: str = "telco_churn"  # a catalog dataset; its card names the target and positive class
    sensitive: tuple[str, ...] | None = None  # attributes to audit; None = the card's
    prior: Prior = "jeffreys"  # Beta prior of every group's rate: Jeffreys Beta(½,½) or uniform


def run(config: Config) -> RunResult:
    """Explore the dataset and write ``report.html`` into ``config.out_dir``."""
    card = get_card(config.dataset)
    frame = load(card.name)
    sensitive = card.sensitive_columns if config.sensitive is None else list(config.sensitive)
    ex = explore(
        frame,
        target=card.target,
        positive=card.positive_class,
        positive_source="from the data card",
        sensitive=sensitive,
        prior=config.prior,
        seed=config.seed,
        source=card.name,
    )
    report = build_report(
        ex,
        frame,
        title=f"Month 2 — exploring {card.title}",
        subtitle=f"{card.name}: {len(frame):,} rows × {frame.shape[1]} columns; target "
        f"{card.target} = {card.positive_class}; sensitive: {', '.join(sensitive) or 'none'}",
    )
    path = report.write(config.out_dir / "report.html")

    metrics: dict[str, float] = {
        "n_columns": float(ex.overview.n_columns),
        "missing_cells": float(ex.overview.n_missing_cells),
        "duplicate_rows": float(ex.overview.n_duplicate_rows),
        "positive_rate": ex.overall,
    }
    parts = [f"{card.target} = {card.positive_class} for {ex.overall:.1%} of {len(frame):,} rows"]
    if not ex.mutual_information.empty:
        top = str(ex.mutual_information.index[0])
        metrics["top_mutual_information"] = float(ex.mutual_information.iloc[0])
        parts.append(f"`{top}` tells the most about it (MI {ex.mutual_information.iloc[0]:.3f})")
    gaps = [b for b in ex.bias if b.disparity is not None]
    if gaps:
        widest = max(gaps, key=lambda b: abs(b.disparity.difference) if b.disparity else 0.0)
        d = widest.disparity
        if d is not None:
            metrics["largest_disparity"] = d.difference
            metrics["largest_disparity_low"] = d.difference_interval[0]
            metrics["largest_disparity_high"] = d.difference_interval[1]
            parts.append(
                f"the largest gap is {widest.attribute} = {d.high.group} vs {d.low.group}: "
                f"{d.high.observed:.1%} vs {d.low.observed:.1%} (difference "
                f"{100 * d.difference:.1f} points, 95% credible interval "
                f"{100 * d.difference_interval[0]:.1f} to {100 * d.difference_interval[1]:.1f})"
            )
    return RunResult(summary="; ".join(parts) + ".", metrics=metrics, report=path)
