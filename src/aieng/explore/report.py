"""The exploration report: one section per question a data scientist asks of a new table.

Overview → columns → missing values → correlations → target → bias. Every section has its plot,
its table and its plain-word notes (from :mod:`aieng.explore.insights`).
"""

from __future__ import annotations

import pandas as pd

from aieng.explore import figures
from aieng.explore import insights as words
from aieng.explore.analysis import Exploration
from aieng.explore.bias import PRIORS
from aieng.explore.profile import ColumnProfile
from aieng.reports import Report
from aieng.reports.builder import Metric

MAX_NOTES = 100  # sentences per section; a wide table has one or two per column
MAX_LISTED = 30  # column names listed in one note; the rest are counted


def headline(ex: Exploration) -> dict[str, Metric]:
    """The numbers on the report's cards (also ``aieng run m02``'s metrics)."""
    o = ex.overview
    cards: dict[str, Metric] = {
        "rows": o.n_rows,
        "columns": o.n_columns,
        "missing cells": o.n_missing_cells,
        "duplicate rows": o.n_duplicate_rows,
    }
    if not ex.mutual_information.empty:
        cards["top feature (MI)"] = str(ex.mutual_information.index[0])
    gaps = [b for b in ex.bias if b.disparity is not None]
    if gaps and ex.target is not None:
        widest = max(gaps, key=lambda b: abs(b.disparity.difference) if b.disparity else 0.0)
        assert widest.disparity is not None  # filtered above; narrows the type for mypy
        d = widest.disparity
        scale = 100 if ex.target.task == "classification" else 1
        lo, hi = (scale * v for v in d.difference_interval)
        # A gap of rates is in percentage points (41.7 % − 23.6 % = 18.1 points); a gap of
        # means is in the target's own units. A bare 18.1 could be either, or a ratio.
        unit = " points" if scale == 100 else ""
        cards[f"largest gap ({widest.attribute}), 95% interval"] = (
            f"{scale * d.difference:.1f}{unit} [{lo:.1f}, {hi:.1f}]"
        )
    return cards


def build_report(ex: Exploration, frame: pd.DataFrame, *, title: str, subtitle: str = "") -> Report:
    """The whole report for ``ex`` (computed from ``frame``, which the plots read again)."""
    frame = frame.rename(columns=str)
    report = Report(title=title, subtitle=subtitle)
    report.metrics(headline(ex))
    _overview(report, ex)
    _columns(report, ex, frame)
    _missing(report, ex, frame)
    _correlations(report, ex)
    if ex.target is not None:
        _target(report, ex)
    if ex.bias:
        _bias(report, ex)
    return report


def _overview(report: Report, ex: Exploration) -> None:
    o = ex.overview
    sec = report.section("Overview", intro="The table at a glance, and the main findings below.")
    kinds = pd.Series(o.kinds, name="columns").rename_axis("kind").sort_values(ascending=False)
    fig = figures.ranking(kinds, "columns of this kind")
    sec.figure(fig, caption="How many columns of each kind were inferred", alt="kinds of columns")
    table = pd.DataFrame(
        {
            "": ["rows", "columns", "memory (MiB)", "missing cells", "duplicate rows"],
            "value": [
                o.n_rows,
                o.n_columns,
                o.memory_bytes / 2**20,
                o.n_missing_cells,
                o.n_duplicate_rows,
            ],
        }
    ).set_index("")
    sec.table(table, caption="Overview")
    sec.notes(words.key_insights(ex))


def _column_table(profiles: dict[str, ColumnProfile]) -> pd.DataFrame:
    rows = []
    for name, p in profiles.items():
        s = p.numeric
        top = p.top_values[0] if p.top_values else ("", 0)
        rows.append(
            {
                "column": name,
                "kind": p.kind,
                "dtype": p.dtype,
                "missing": p.n_missing,
                "distinct": p.n_distinct,
                "top value (count)": f"{top[0][:24]} ({top[1]:,})" if p.top_values else "",
                "mean": s.mean if s else None,
                "std": s.std if s else None,
                "min": s.minimum if s else None,
                "median": s.median if s else None,
                "max": s.maximum if s else None,
                "skew": s.skew if s else None,
                "outliers": s.n_outliers if s else None,
            }
        )
    return pd.DataFrame(rows).set_index("column")


def _columns(report: Report, ex: Exploration, frame: pd.DataFrame) -> None:
    sec = report.section(
        "Columns",
        intro="Each column's kind (inferred from its values), gaps, distinct values and most "
        "frequent value; numbers also get their spread, skew and outliers (Tukey's fences: "
        "beyond 1.5 IQR outside the quartiles).",
    )
    sec.table(_column_table(ex.profiles), max_rows=500, caption="Per-column statistics")
    numeric = [n for n, p in ex.profiles.items() if p.kind == "numeric"]
    categorical = [n for n, p in ex.profiles.items() if p.kind == "categorical"]
    flags = [n for n, p in ex.profiles.items() if p.kind == "boolean"]
    if numeric:
        fig = figures.histograms(frame, numeric[: figures.MAX_PANELS])
        sec.figure(
            fig,
            caption="Numeric columns: histogram, Gaussian KDE (red) and median (dashed)",
            alt="histograms",
            dpi=figures.GRID_DPI,
        )
    if categorical:
        fig = figures.bars(frame, ex.profiles, categorical[: figures.MAX_PANELS])
        sec.figure(
            fig,
            caption="Categorical columns: share of each level",
            alt="bar charts",
            dpi=figures.GRID_DPI,
        )
    if flags:
        sec.figure(
            figures.booleans(frame, flags[: figures.MAX_BARS]),
            caption="Boolean columns: share of true values",
            alt="share true per boolean column",
        )
    notes = _capped(words.column_insights(ex), "about single columns")
    left_out = numeric[figures.MAX_PANELS :] + categorical[figures.MAX_PANELS :]
    if left_out:
        notes.append(
            f"Not drawn (the first {figures.MAX_PANELS} of each kind are): {_listed(left_out)}."
        )
    if flags[figures.MAX_BARS :]:
        notes.append(
            f"Boolean columns not drawn (the first {figures.MAX_BARS} are): "
            f"{_listed(flags[figures.MAX_BARS :])}."
        )
    sec.notes(notes or ["Nothing unusual in the single columns."])


def _listed(names: list[str]) -> str:
    """Column names as code, the first ``MAX_LISTED`` of them, then how many more."""
    shown = ", ".join(f"`{n}`" for n in names[:MAX_LISTED])
    more = len(names) - MAX_LISTED
    return shown + (f" and {more:,} more" if more > 0 else "")


def _capped(notes: list[str], about: str) -> list[str]:
    """The first ``MAX_NOTES`` sentences, then one saying how many were not listed."""
    if len(notes) <= MAX_NOTES:
        return notes
    more = len(notes) - MAX_NOTES
    return [*notes[:MAX_NOTES], f"… and {more:,} more findings {about}, not listed here."]


def _missing(report: Report, ex: Exploration, frame: pd.DataFrame) -> None:
    sec = report.section(
        "Missing values",
        intro="Where the gaps are. Gaps that line up across columns (the same rows) usually "
        "share a cause, and a cause is rarely random: impute with care.",
    )
    drawn, note = _most_missing(frame)
    sec.figure(
        figures.missing_overview(drawn),
        caption="Missing share per column, and the missingness matrix",
        alt="missing values",
        dpi=figures.GRID_DPI,
    )
    gaps = [s for s in words.column_insights(ex) if "is missing in" in s]
    sec.notes(note + (_capped(gaps, "about gaps") or ["No cell is missing."]))


def _most_missing(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """At most ``MAX_BARS`` columns to draw: those with the most gaps, in the table's order."""
    if frame.shape[1] <= figures.MAX_BARS:
        return frame, []
    gaps = frame.isna().sum()
    top = set(gaps.sort_values(ascending=False, kind="stable").index[: figures.MAX_BARS])
    drawn = frame[[c for c in frame.columns if c in top]]
    least, others = int(gaps[list(top)].min()), frame.shape[1] - figures.MAX_BARS
    rest = "have no missing value" if least == 0 else f"have at most {least:,} missing each"
    return drawn, [
        f"Drawn: the {figures.MAX_BARS} columns with the most missing values, of "
        f"{frame.shape[1]:,} (ties in the table's order); the other {others:,} {rest}."
    ]


def _correlations(report: Report, ex: Exploration) -> None:
    assoc = ex.associations
    sec = report.section(
        "Correlations and associations",
        intro="Pearson's r measures linear relations between numbers, Spearman's ρ monotone ones "
        "(on ranks). The mixed matrix puts every analysable column on one 0–1 scale: "
        "|Spearman ρ| for two numbers, Cramér's V (bias-corrected) for two categories, the "
        "correlation ratio η for a category and a number.",
    )
    if len(assoc.pearson) >= 2:
        sec.figure(
            figures.heatmap(assoc.pearson, signed=True, label="Pearson r"),
            caption="Pearson correlation of the numeric columns",
            alt="Pearson heatmap",
            dpi=figures.HEATMAP_DPI,
        )
        sec.figure(
            figures.heatmap(assoc.spearman, signed=True, label="Spearman ρ"),
            caption="Spearman correlation of the numeric columns",
            alt="Spearman heatmap",
            dpi=figures.HEATMAP_DPI,
        )
    if len(assoc.mixed) >= 2:
        sec.figure(
            figures.heatmap(assoc.mixed, signed=False, label="association (0–1)"),
            caption="Association of every pair of analysable columns"
            + (
                f" (numbers: values of {figures.ANNOTATE_ABOVE} and above)"
                if len(assoc.mixed) > 8
                else ""
            ),
            alt="heatmap",
            dpi=figures.HEATMAP_DPI,
        )
        pairs = pd.DataFrame(assoc.strongest_pairs(10), columns=["column", "with", "association"])
        pairs["statistic"] = [
            assoc.method.loc[a, b] for a, b in zip(pairs["column"], pairs["with"], strict=True)
        ]
        sec.table(pairs, caption="The ten most associated pairs")
    sec.notes(_capped(words.correlation_insights(ex), "about correlations"))


def _target(report: Report, ex: Exploration) -> None:
    spec = ex.target
    assert spec is not None  # only called with a target
    classification = spec.task == "classification"
    what = f"rate of {spec.name} = {spec.positive}" if classification else f"mean {spec.name}"
    sec = report.section(
        f"Target: {spec.name}",
        intro=(
            f"Positive class: {spec.source_phrase}. With more than two classes, rates are "
            "one-vs-rest for the positive class. "
            if classification
            else "A numeric target: each feature is compared by the mean target per level. "
        )
        + "Mutual information ranks the features by how much each tells about the target "
        "(in nats; 0 = nothing), linear or not.",
    )
    if classification and not ex.balance.empty:
        sec.figure(
            figures.balance(ex.balance, spec.positive),
            caption="Rows per class",
            alt="class balance",
        )
    if not ex.mutual_information.empty:
        mi, most = ex.mutual_information, figures.MAX_BARS
        top = f" (the {most} highest of {len(mi):,})" if len(mi) > most else ""
        sec.figure(
            figures.ranking(mi.iloc[:most], "mutual information (nats)"),
            caption="Features ranked by mutual information with the target" + top,
            alt="MI",
        )
        sec.table(
            ex.mutual_information.rename_axis("feature").to_frame(),
            caption="Mutual information with the target",
            max_rows=100,
        )
    order = {name: i for i, name in enumerate(ex.mutual_information.index)}
    ranked = sorted(ex.features, key=lambda f: order.get(f.feature, len(order)))
    overall = ex.overall
    if ranked:
        shown = ranked[: figures.MAX_PANELS]
        sec.figure(
            figures.target_rates(shown, overall, what, percent=classification),
            caption=f"The {what} per level of each feature, most informative first; a "
            "number is cut into bins of about equal size ('tenure ∈ 0–6': tenure from 0 to 6); "
            "dashed: overall",
            dpi=figures.HEATMAP_DPI,
            alt="target rates",
        )
    sec.notes(words.target_insights(ex) + words.wide_table_insights(ex))


def _bias(report: Report, ex: Exploration) -> None:
    spec = ex.target
    rates = spec is not None
    a, b = PRIORS[ex.prior]
    if spec is not None and spec.task != "classification":
        # A numeric target's interval is Student's t around each group's mean (bias.py): the
        # Beta prior of a rate plays no part, so the intro must not name it.
        how = (
            "the mean target of each group with a 95% Bayesian credible interval: given these "
            "rows, the true mean lies in it with 95% probability (Student's t around the "
            "group's mean), and a small group gets a wide one."
        )
    else:
        prior = "Jeffreys" if ex.prior == "jeffreys" else ex.prior
        how = (
            "the target rate of each group with a 95% Bayesian credible interval: given these "
            "rows, the true rate lies in it with 95% probability, and a small group gets a "
            f"wide one. It comes from the Beta-Binomial posterior with the {prior} prior "
            f"Beta({a:g}, {b:g}), which counts as {a:g} extra positive and {b:g} extra negative "
            "in every group."
        )
    sec = report.section(
        "Bias: sensitive attributes",
        intro=f"Group sizes per sensitive attribute and, with a target, {how} The largest "
        "disparity compares the highest and the lowest group (of at least 10 rows) by Monte "
        "Carlo draws from both posteriors. Proxies are the features most associated with the "
        "attribute: a model that never sees the attribute can still learn it through them.",
    )
    label = "target rate" if spec is None or spec.task == "classification" else "mean target"
    sec.figure(
        figures.forest(
            ex.bias,
            ex.overall,
            label,
            rates=rates,
            percent=spec is not None and spec.task == "classification",
        ),
        caption=f"Group sizes, and the {label} per group with its 95% credible interval (dot: "
        "observed; dashed: overall)",
        alt="forest plot",
    )
    rows = [
        {
            "attribute": r.attribute,
            "group": g.group,
            "rows": g.rows,
            "observed": g.observed,
            "posterior mean": g.posterior_mean,
            "95% low": g.low,
            "95% high": g.high,
        }
        for r in ex.bias
        for g in r.groups
    ]
    if rows:
        sec.table(pd.DataFrame(rows), caption="Target rate per group", max_rows=200, digits=4)
    gaps = [
        {
            "attribute": r.attribute,
            "higher": r.disparity.high.group,
            "lower": r.disparity.low.group,
            "difference": r.disparity.difference,
            "95% low": r.disparity.difference_interval[0],
            "95% high": r.disparity.difference_interval[1],
            "ratio": r.disparity.ratio,
            "P(higher)": r.disparity.prob_higher,
        }
        for r in ex.bias
        if r.disparity is not None
    ]
    if gaps:
        sec.table(pd.DataFrame(gaps), caption="Largest disparity per attribute", digits=3)
    proxies = [
        {"attribute": r.attribute, "feature": f, "association": v, "statistic": how}
        for r in ex.bias
        for f, v, how in r.proxies
    ]
    if proxies:
        sec.table(
            pd.DataFrame(proxies),
            caption="Proxies: features most associated with each attribute",
            max_rows=100,
        )
    notes = words.bias_insights(ex) + [f"`{r.attribute}`: {r.note}." for r in ex.bias if r.note]
    sec.notes(notes or ["No sensitive attribute has two groups large enough to compare."])
