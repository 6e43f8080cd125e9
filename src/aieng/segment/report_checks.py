"""The report's checking sections: the PCA map (and our PCA against scikit-learn's), the
agreement between algorithms and seeds, and the anomalies. Drawn for :mod:`aieng.segment.report`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from aieng.reports import PALETTE, Report, new_figure
from aieng.reports.style import SEQUENTIAL_CMAP
from aieng.segment.analysis import Segmentation
from aieng.segment.cluster import METHODS

MAP_POINTS = 4000  # points drawn on the PCA map; more only hides the segments under each other


def colour(j: int) -> str:
    """The palette colour of segment ``j`` (0-based), the same in every figure."""
    return PALETTE[j % len(PALETTE)]


def pca_section(report: Report, result: Segmentation) -> None:
    """Explained variance, and the 2-D map of the segments with our month-3 PCA."""
    proj, labels = result.projection, result.clustering.labels
    sec = report.section(
        "PCA: how much a flat map can show",
        intro="Our month-3 PCA (eigenvectors of the covariance matrix) projects the encoded "
        "customers onto the two directions along which they vary most; scikit-learn's SVD-based "
        "PCA is computed beside it as a check.",
    )
    fig, (left, right) = new_figure(1, 2, width=10.0, height=4.2)
    ratio = proj.explained_variance_ratio
    shown = min(len(ratio), 20)
    left.bar(np.arange(1, shown + 1), ratio[:shown], color=PALETTE[0], label="per component")
    left.plot(
        np.arange(1, shown + 1),
        np.cumsum(ratio)[:shown],
        color=PALETTE[1],
        marker=".",
        label="cumulative",
    )
    left.xaxis.set_major_locator(MaxNLocator(integer=True))  # components are counted
    left.set_xlabel("component")
    left.set_ylabel("share of variance")
    left.legend()
    rng = np.random.default_rng(0)
    rows = rng.permutation(len(labels))[:MAP_POINTS]  # shuffled: no segment painted last on top
    right.scatter(
        proj.coords[rows, 0],
        proj.coords[rows, 1],
        s=5,
        alpha=0.5,
        c=[colour(j) for j in labels[rows]],
    )
    for j in range(result.clustering.k):
        centre = proj.coords[labels == j].mean(axis=0)
        right.scatter(
            *centre,
            s=160,
            marker="X",
            color=colour(j),
            edgecolor="black",
            label=f"segment {j + 1}",
        )
    right.set_xlabel(f"PC1 ({ratio[0]:.0%} of variance)")
    right.set_ylabel(f"PC2 ({ratio[1]:.0%} of variance)" if len(ratio) > 1 else "")
    right.legend(markerscale=0.6)
    sec.figure(
        fig,
        caption="Explained variance, and the segments on the first two components",
        alt="scree plot and segment map",
    )
    names = result.features.names
    notes = [
        f"The first two components keep {ratio[:2].sum():.0%} of the variance: the map shows "
        "the main contrasts, and segments that overlap on it may still separate in the others.",
    ]
    for c in range(min(2, len(ratio))):
        order = np.argsort(-np.abs(proj.loadings[c]))[:3]
        words = ", ".join(f"{names[i]} ({proj.loadings[c, i]:+.2f})" for i in order)
        notes.append(f"PC{c + 1} is mostly {words}.")
    verdict = "within" if proj.gap <= proj.tolerance else "OUTSIDE"
    notes.append(
        f"Our PCA against scikit-learn's (up to sign): largest difference {proj.gap:.1e}, "
        f"{verdict} the tolerance {proj.tolerance:.0e}."
    )
    sec.notes(notes)


def agreement_section(report: Report, result: Segmentation) -> None:
    """ARI between algorithms, and K-Means' stability across seeds."""
    cl = result.clustering
    sec = report.section(
        "Can the segments be trusted? Other algorithms, other seeds",
        intro="The adjusted Rand index (ARI) compares two segmentations: 1 is the same "
        "partition, 0 is no better than chance. A Gaussian mixture and Ward's agglomerative "
        "clustering are fitted with the same k; K-Means is refitted with other seeds.",
    )
    fig, (left, right) = new_figure(1, 2, width=9.5, height=3.6)
    image = left.imshow(cl.agreement, cmap=SEQUENTIAL_CMAP, vmin=0, vmax=1)
    short = ["K-Means", "GMM", "Ward"]
    left.set_xticks(range(3), short)
    left.set_yticks(range(3), short)
    left.grid(False)
    for i in range(3):
        for j in range(3):
            value = float(cl.agreement[i, j])
            left.text(
                j,
                i,
                f"{value:.2f}",
                ha="center",
                va="center",
                color="black" if value > 0.5 else "white",
            )
    fig.colorbar(image, ax=left, label="ARI")
    right.bar(np.arange(1, len(cl.stability) + 1), cl.stability, color=PALETTE[0])
    right.set_ylim(0, 1.05)
    right.set_xlabel("refit with seed +n")
    right.set_ylabel("ARI with the chosen segments")
    sec.figure(fig, caption="Agreement between algorithms, and across K-Means seeds", alt="ARI")
    a = cl.agreement
    table = pd.DataFrame(a, index=list(METHODS), columns=list(METHODS))
    sec.notes(
        [
            f"K-Means across {len(cl.stability)} other seeds: ARI mean {cl.stability.mean():.3f}, "
            f"min {cl.stability.min():.3f}.",
            f"K-Means vs Gaussian mixture: ARI {a[0, 1]:.2f}; vs agglomerative (Ward, on "
            f"{cl.agglomerative_rows:,} rows): {a[0, 2]:.2f}. "
            + (
                "The algorithms find the same segments."
                if min(a[0, 1], a[0, 2]) >= 0.8
                else "They cut the customers differently: the K-Means segments are reproducible, "
                "but they are one reasonable split of a continuum, not natural islands."
                if cl.stability.min() >= 0.8
                else "The segments are neither shared by other algorithms nor stable: treat "
                "them as tentative."
            ),
        ]
    )
    sec.table(table, caption="Adjusted Rand index between the three algorithms", digits=3)


def anomaly_section(report: Report, result: Segmentation) -> None:
    """The two detectors' scores, how much they agree, and the most unusual rows explained."""
    anom = result.anomalies
    sec = report.section(
        "The customers that fit no segment: anomalies",
        intro="Isolation Forest scores how quickly random splits isolate a customer (globally "
        "unusual); the Local Outlier Factor compares a customer's neighbourhood density with "
        "its neighbours' (locally unusual). Each flags its top "
        f"{anom.contamination:.0%}.",
    )
    fig, (left, right) = new_figure(1, 2, width=9.5, height=3.6)
    left.hist(anom.isolation, bins=50, color=PALETTE[0])
    cut = anom.isolation[anom.flagged_isolation].min()
    left.axvline(cut, color=PALETTE[3], linestyle="--", label="flagged beyond")
    left.set_xlabel("Isolation Forest score (higher = more unusual)")
    left.set_ylabel("rows")
    left.legend()
    n = len(anom.isolation)
    ranks_if = pd.Series(anom.isolation).rank(pct=True).to_numpy()
    ranks_lof = pd.Series(anom.lof).rank(pct=True).to_numpy()
    colours = np.where(anom.flagged_isolation & anom.flagged_lof, PALETTE[3], PALETTE[0])
    right.scatter(ranks_if, ranks_lof, s=4, alpha=0.4, c=colours)
    right.set_xlabel("Isolation Forest rank (percentile)")
    right.set_ylabel("LOF rank (percentile)")
    sec.figure(
        fig,
        caption="Anomaly scores, and the two detectors against each other",
        alt="histogram and rank scatter",
    )
    both = int(np.sum(anom.flagged_isolation & anom.flagged_lof))
    ordinary = float(np.mean(ranks_if[anom.flagged_lof] <= 0.5))
    sec.notes(
        [
            f"Each detector flags {int(anom.flagged_isolation.sum()):,} of {n:,} rows; "
            f"{both:,} are flagged by both (overlap {anom.overlap:.0%} of the rows either flags).",
            f"Rank correlation of the two scores (Spearman): {anom.rank_correlation:.2f}. "
            + (
                "They mostly disagree: Isolation Forest finds rare combinations across the "
                "whole data, LOF finds customers in sparse spots next to dense groups."
                if anom.rank_correlation < 0.5
                else "They largely agree on who is unusual."
            ),
            f"{ordinary:.0%} of the rows LOF flags are in Isolation Forest's most ordinary half. "
            + (
                "LOF divides by its neighbours' distances, and customers with near-identical "
                "neighbours have tiny ones, so a small gap in a tight crowd scores high: on data "
                "with many ties, read Isolation Forest's list first."
                if ordinary > 0.25
                else "The customers LOF flags are unusual globally too."
            ),
            "Reasons name each row's values furthest from the typical customer, in robust "
            "z-scores (numbers: distance from the median in MADs; a category level: how rare "
            "it is).",
        ]
    )
    sec.table(
        anom.top,
        caption="The most unusual rows (Isolation Forest), with reasons",
        digits=3,
        index=False,
    )
