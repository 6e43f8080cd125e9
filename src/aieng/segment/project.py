"""Month 5's project: customer segmentation a marketing team could act on, on Telco churn.

``aieng run m05`` segments the 7,043 customers of IBM's Telco sample data on what they buy and
how they pay, then describes each segment in plain words — and only then looks at churn:

1. scale the numbers, one-hot encode the categories;
2. choose k by the silhouette, ties broken by the elbow of the inertia;
3. K-Means, compared with a Gaussian mixture and Ward's clustering, refitted across seeds;
4. a 2-D map with our month-3 PCA, checked against scikit-learn's;
5. profiles in words, a heatmap, churn per segment;
6. the most unusual customers (Isolation Forest beside LOF), with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from aieng.datasets import get_card, load
from aieng.runs.result import RunConfig, RunResult
from aieng.segment.analysis import Segmentation, segment
from aieng.segment.report import build_report
from aieng.tables import write_table

# Not clustering features:
# - `churn` is the outcome a team wants to explain; clustering on it would make segments that
#   only restate it. It is described per segment instead.
# - `female` and `senior_citizen` are sensitive attributes (sex, age group): segments that
#   marketing targets must not be drawn along them (the data card says: audit only). They are
#   described per segment, so any imbalance the other features carry is still visible.
# - `total_charges` is ≈ tenure × monthly_charges (the card: correlation 0.9996) and missing for
#   new customers: it would count the same information twice.
TARGET = "churn"
SENSITIVE = ("female", "senior_citizen")
REDUNDANT = ("total_charges",)
# The add-on columns repeat "No internet service" (and multiple_lines "No phone service"), which
# internet_service and phone_service already say. One-hot encoded, that one fact would become
# seven identical columns and dominate every distance; as yes/no flags it counts once.
ADD_ONS = (
    "multiple_lines",
    "online_security",
    "online_backup",
    "device_protection",
    "tech_support",
    "streaming_tv",
    "streaming_movies",
)


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 5 settings; every field has a default, so ``aieng run m05`` needs none."""

    dataset: str = "telco_churn"  # a catalog dataset with the TARGET, SENSITIVE and ADD_ONS columns
    k: int | None = None  # number of segments; None chooses it (silhouette, then the elbow)
    k_max: int = 6  # largest k tried; a marketing team cannot act on many more segments


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the Telco frame with each add-on as a yes/no flag (see ADD_ONS)."""
    out = frame.copy()
    for name in ADD_ONS:
        out[name] = out[name] == "Yes"
    return out


def run(config: Config) -> RunResult:
    """Segment, profile and report; write ``report.html`` and ``segments.csv``."""
    card = get_card(config.dataset)
    frame = prepare(load(card.name))
    result = segment(
        frame,
        k=config.k,
        target=TARGET,
        positive=card.positive_class,
        describe=SENSITIVE,
        exclude=REDUNDANT,
        k_max=config.k_max,
        seed=config.seed,
    )
    report = build_report(
        result,
        title="Month 5 — customer segmentation",
        subtitle=f"{card.title}: {len(frame):,} customers; {TARGET}, "
        f"{' and '.join(SENSITIVE)} described, not clustered on",
    )
    path = report.write(config.out_dir / "report.html")
    # One row per customer, in the dataset's order: segment and anomaly scores (atomic write).
    segments = write_table(result.assignments, config.out_dir / "segments.csv")
    return RunResult(
        summary=summary(result),
        metrics=metrics(result),
        report=path,
        artifacts={"segments": segments},
    )


def metrics(result: Segmentation) -> dict[str, float]:
    """Headline numbers for result.json and the portfolio."""
    cl, prof, anom = result.clustering, result.profiles, result.anomalies
    out = {
        "k": float(cl.k),
        "stability_ari_mean": float(cl.stability.mean()),
        "stability_ari_min": float(cl.stability.min()),
        "ari_kmeans_gmm": float(cl.agreement[0, 1]),
        "ari_kmeans_agglomerative": float(cl.agreement[0, 2]),
        "max_pca_gap": result.projection.gap,
        "anomaly_overlap": anom.overlap,
        "anomaly_rank_correlation": anom.rank_correlation,
    }
    if result.choice is not None:
        out["silhouette"] = float(result.choice.silhouette[result.choice.ks.index(cl.k)])
    if prof.target_rates is not None:
        out["churn_rate_min"] = float(prof.target_rates.min())
        out["churn_rate_max"] = float(prof.target_rates.max())
    return out


def summary(result: Segmentation) -> str:
    """One sentence for the portfolio page."""
    prof = result.profiles
    text = f"{result.clustering.k} customer segments (K-Means, stable across seeds: min ARI "
    text += f"{result.clustering.stability.min():.2f})"
    if prof.target_rates is not None:
        text += (
            f"; {prof.target_label} ranges from {prof.target_rates.min():.0%} to "
            f"{prof.target_rates.max():.0%} between them"
        )
    return text + "."
