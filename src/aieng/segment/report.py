"""The segmentation report: every section a plot and the numbers behind it, in plain words.

With :mod:`aieng.segment.report_checks`, the only modules of :mod:`aieng.segment` that draw;
everything they show was computed by :func:`aieng.segment.analysis.segment`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from aieng.reports import PALETTE, Report, new_figure
from aieng.reports.style import DIVERGING_CMAP
from aieng.segment import report_checks as checks
from aieng.segment.analysis import Segmentation
from aieng.segment.choose_k import KChoice


def build_report(result: Segmentation, *, title: str, subtitle: str = "") -> Report:
    """A :class:`Report` with one section per question a marketing team would ask."""
    report = Report(title=title, subtitle=subtitle)
    cl, prof = result.clustering, result.profiles
    cards: dict[str, float | int | str] = {
        "segments (k)": cl.k,
        "rows": result.n_rows,
        "features (encoded)": len(result.features.names),
        "K-Means stability (min ARI)": float(cl.stability.min()),
    }
    if result.choice is not None:
        # The chosen k's silhouette, which need not be the best one (k = 2: 0.201, chosen
        # k = 4: 0.197, a tie): the label says which k it belongs to.
        cards[f"silhouette (k = {cl.k})"] = float(
            result.choice.silhouette[result.choice.ks.index(cl.k)]
        )
    if prof.target_rates is not None:
        cards[f"{prof.target_label}: range"] = (
            f"{prof.target_rates.min():.0%}–{prof.target_rates.max():.0%}"
        )
    report.metrics(cards)
    features_section(report, result)
    if result.choice is not None:
        choose_k_section(report, result.choice)
    profile_section(report, result)
    if prof.target_rates is not None or not prof.described.empty:
        target_section(report, result)
    checks.pca_section(report, result)
    checks.agreement_section(report, result)
    checks.anomaly_section(report, result)
    return report


def features_section(report: Report, result: Segmentation) -> None:
    """What the clustering saw: the columns used, dropped and filled."""
    fm = result.features
    sec = report.section(
        "What the segments are built from",
        intro="Numbers are standardized (mean 0, standard deviation 1) and categories one-hot "
        "encoded, so no column weighs more in the distances just because of its units.",
    )
    sec.notes(
        [
            f"{len(fm.numeric)} numeric columns: {', '.join(fm.numeric) or 'none'}.",
            f"{len(fm.categorical)} categorical or yes/no columns: "
            f"{', '.join(fm.categorical) or 'none'}.",
            f"{len(fm.names)} encoded features in all.",
            *result.notes,
        ]
    )


def choose_k_section(report: Report, choice: KChoice) -> None:
    """The elbow of the inertia and the silhouette, side by side, with the k chosen."""
    sec = report.section(
        "How many segments: the elbow and the silhouette",
        intro="Inertia always falls as k grows; where it stops falling fast (the elbow) more "
        "segments stop paying. The silhouette (−1 to 1) says how much closer each customer is "
        "to its own segment than to the next one.",
    )
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.4)
    ks = np.array(choice.ks)
    left.plot(ks, choice.inertia, marker="o", color=PALETTE[0])
    left.axvline(
        choice.elbow_k, color=PALETTE[1], linestyle="--", label=f"elbow k={choice.elbow_k}"
    )
    left.set_xlabel("k (segments)")
    left.set_ylabel("inertia (sum of squared distances)")
    left.legend()
    right.plot(ks, choice.silhouette, marker="o", color=PALETTE[2])
    best = choice.silhouette.max()
    right.axhspan(best - choice.tolerance, best, color=PALETTE[2], alpha=0.15, label="tie band")
    right.axvline(
        choice.best_k, color=PALETTE[3], linestyle="--", label=f"chosen k={choice.best_k}"
    )
    right.set_xlabel("k (segments)")
    right.set_ylabel(f"silhouette ({choice.sample_size:,}-row sample)")
    for ax in (left, right):
        ax.set_xticks(ks)  # k is a count: no tick at 2.5 segments
    right.legend()
    sec.figure(fig, caption="Inertia (elbow) and silhouette per k", alt="elbow and silhouette")
    tied = [
        k for k, s in zip(choice.ks, choice.silhouette, strict=True) if s >= best - choice.tolerance
    ]
    sec.notes(
        [
            f"Best silhouette {best:.3f} at k={choice.ks[int(np.argmax(choice.silhouette))]}; "
            f"within {choice.tolerance} of it (a tie at this sample size): k = "
            f"{', '.join(map(str, tied))}.",
            f"The inertia curve bends most at k={choice.elbow_k}; among the tied k the one "
            f"nearest the elbow is chosen: k={choice.best_k}.",
        ]
    )


def profile_section(report: Report, result: Segmentation) -> None:
    """Each segment in words, and the heatmap of standardized differences behind the words."""
    prof = result.profiles
    sec = report.section(
        "The segments in plain words",
        intro="Each segment is described by the features where it differs most from all "
        "customers, measured in standard deviations so months and percentages compare.",
    )
    sec.notes([s.description for s in prof.segments])
    diff = prof.differences
    keep = diff.abs().max().sort_values(ascending=False).index[:25]  # the most telling columns
    diff = diff[keep]
    fig, ax = new_figure(width=9.0, height=0.45 * len(diff) + 2.6)
    limit = max(float(np.abs(diff.to_numpy()).max()), 0.5)
    image = ax.imshow(diff.to_numpy(), cmap=DIVERGING_CMAP, vmin=-limit, vmax=limit, aspect="auto")
    ax.set_yticks(range(len(diff)), diff.index)
    ax.set_xticks(
        range(diff.shape[1]), [str(c)[:40] for c in diff.columns], rotation=60, ha="right"
    )
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="standardized difference from all customers")
    sec.figure(fig, caption="Segment profiles: red above average, blue below", alt="heatmap")
    sec.table(prof.levels[keep].T, caption="Mean (numbers) or share (levels) per segment", digits=3)


def target_section(report: Report, result: Segmentation) -> None:
    """The target rate (e.g. churn) per segment, and the described columns."""
    prof = result.profiles
    sec = report.section(
        "Outcomes and groups per segment (not used to build them)",
        intro="These columns were left out of the clustering on purpose and are only described: "
        "the target, because a segmentation should find groups, not predict it; sensitive "
        "attributes, because offers must not be targeted by sex or age.",
    )
    panels = int(prof.target_rates is not None) + int(not prof.described.empty)
    fig, axes = new_figure(1, panels, width=4.5 * panels, height=3.4)
    ax_list: list[Axes] = list(np.atleast_1d(axes))  # one Axes or an array of them
    names = [f"seg {s.number}" for s in prof.segments]
    notes = []
    if prof.target_rates is not None and prof.overall_rate is not None:
        ax = ax_list.pop(0)
        ax.bar(names, prof.target_rates, color=[checks.colour(j) for j in range(len(names))])
        ax.axhline(prof.overall_rate, color=PALETTE[6], linestyle="--", label="all customers")
        ax.set_ylabel(str(prof.target_label))
        ax.legend()
        rates = prof.target_rates
        lo, hi = int(np.argmin(rates)), int(np.argmax(rates))
        notes.append(
            f"{prof.target_label}: from {rates[lo]:.1%} (segment {lo + 1}) to "
            f"{rates[hi]:.1%} (segment {hi + 1}); {prof.overall_rate:.1%} overall."
        )
    if not prof.described.empty:
        ax = ax_list.pop(0)
        table = prof.described.drop(index="all")
        width = 0.8 / table.shape[1]
        for c, column in enumerate(table.columns):
            x = np.arange(len(table)) + (c - (table.shape[1] - 1) / 2) * width
            ax.bar(
                x, table[column].to_numpy(), width=width, color=checks.colour(c), label=str(column)
            )
        ax.set_xticks(range(len(table)), names)
        ax.set_ylabel("share or mean")
        ax.legend()
        overall = prof.described.loc["all"].to_numpy(dtype=float)  # (n_described,)
        values = table.to_numpy(dtype=float)  # (k, n_described)
        for c, column in enumerate(table.columns):
            notes.append(
                f"{column}: {values[:, c].min():.3g} to {values[:, c].max():.3g} across "
                f"segments ({overall[c]:.3g} overall)."
            )
        sec.table(prof.described.T, caption="Described columns per segment", digits=3)
    sec.figure(fig, caption="Per segment: target rate and described columns", alt="bars")
    sec.notes(notes)
