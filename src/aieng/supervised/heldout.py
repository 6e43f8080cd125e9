"""Report sections on the untouched test split: the winner scored once, and what it means.

Classification: ROC and precision–recall curves, the confusion matrix at the chosen threshold,
the calibration curve, permutation importance and the business value curve. Regression:
predictions against the truth, residuals, permutation importance.

Accuracy, precision, recall and F1 judge yes/no answers, so each holds for one threshold only:
scikit-learn's scorers say yes at P ≥ 0.5, while the business case picks its own (about 0.33
on churn). Every table here names the threshold its yes/no numbers were counted at; a reader who
compares 0.80 accuracy at 0.5 with a confusion matrix at 0.33 otherwise finds numbers that
disagree and no reason why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_curve,
)

from aieng.reports import Report, Section, new_figure
from aieng.reports.style import PALETTE, SEQUENTIAL_CMAP
from aieng.supervised.evaluate import NAMES, higher_is_better

if TYPE_CHECKING:
    from aieng.supervised.comparison import Comparison

# The metrics of a yes/no answer per row: each depends on where "yes" starts.
THRESHOLD_METRICS = ("accuracy", "precision", "recall", "f1")
DEFAULT_THRESHOLD = 0.5  # where scikit-learn's predict (and so its scorers) says yes
CALIBRATION_BINS = 10  # equal-width bins of the predicted probability


def metric_label(metric: str, threshold: float = DEFAULT_THRESHOLD) -> str:
    """The metric's name, with the threshold when it judges yes/no answers (``accuracy at
    0.50``)."""
    name = NAMES.get(metric, metric)
    return f"{name} at {threshold:.2f}" if metric in THRESHOLD_METRICS else name


def at_threshold(y_true: np.ndarray, proba: np.ndarray, threshold: float) -> dict[str, float]:
    """Accuracy, precision, recall and F1 when the answer is yes for ``proba ≥ threshold``.

    ``y_true`` (n,) of 0/1, ``proba`` (n,) of P(positive). Precision is 0 when nothing is
    predicted positive (as the scorers count it), not a warning.
    """
    predicted = (np.asarray(proba) >= threshold).astype(int)  # (n,)
    return {
        "accuracy": float(accuracy_score(y_true, predicted)),
        "precision": float(precision_score(y_true, predicted, zero_division=0)),
        "recall": float(recall_score(y_true, predicted, zero_division=0)),
        "f1": float(f1_score(y_true, predicted, zero_division=0)),
    }


def calibration_bins(
    y_true: np.ndarray, proba: np.ndarray, n_bins: int = CALIBRATION_BINS
) -> pd.DataFrame:
    """The calibration curve with the rows behind each point; empty bins left out.

    The bins are scikit-learn's ``calibration_curve`` ones (equal width, a probability on an
    inner edge belongs to the bin below), so ``predicted`` and ``observed`` equal its output.
    Columns: ``bin`` (e.g. ``"0.3–0.4"``), ``rows``, ``predicted`` (mean probability),
    ``observed`` (share positive), ``gap`` (observed − predicted). A gap over 12 rows is
    mostly noise; the row counts say which gaps to believe.
    """
    y = np.asarray(y_true, dtype=float)  # (n,)
    p = np.asarray(proba, dtype=float)  # (n,)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)  # (n,) bin of each row, 0..n_bins-1
    rows = np.bincount(ids, minlength=n_bins)  # (n_bins,)
    used = rows > 0
    predicted = np.bincount(ids, weights=p, minlength=n_bins)[used] / rows[used]
    observed = np.bincount(ids, weights=y, minlength=n_bins)[used] / rows[used]
    return pd.DataFrame(
        {
            "bin": [f"{edges[i]:.1f}–{edges[i + 1]:.1f}" for i in np.flatnonzero(used)],
            "rows": rows[used],
            "predicted": predicted,
            "observed": observed,
            "gap": observed - predicted,
        }
    )


def test_sections(
    report: Report, c: Comparison, prefix: str, *, business_table: str = "business"
) -> None:
    """Every held-out section for ``c``'s task; ``business_table`` is where the config file
    holds the business case (``[train.business]`` in a month-6 pipeline config)."""
    sec = report.section(
        f"{prefix}The winner on the untouched test split",
        intro=f"{c.winner}, refitted on all {c.n_train:,} training rows, scored once on the "
        f"{c.n_test:,} test rows that no choice so far has seen. Close to its cross-validated "
        "score means the estimate was honest.",
    )
    cv = c.leaderboard.iloc[0]
    table = pd.DataFrame(
        {
            "metric": [metric_label(m) for m in c.test_scores],
            "test": list(c.test_scores.values()),
            "cross-validated": [cv[m] for m in c.test_scores],
        }
    )
    if c.task == "classification":
        _roc_pr(sec, c)
    else:
        _regression(sec, c)
    sec.table(table, max_rows=len(table), caption=f"{c.winner}: test against CV scores")
    p = c.primary
    sec.notes(
        [f"{NAMES[p]}: {c.test_scores[p]:.3f} on the test split, {cv[p]:.3f} cross-validated."]
    )
    if c.task == "classification":
        _confusion_and_calibration(report, c, prefix)
    _importance(report, c, prefix)
    if c.threshold is not None:
        _threshold(report, c, prefix, business_table)


def _roc_pr(sec: Section, c: Comparison) -> None:
    fpr, tpr, _ = roc_curve(c.y_test, c.test_output)
    precision, recall, _ = precision_recall_curve(c.y_test, c.test_output)
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.8)
    left.plot(fpr, tpr, color=PALETTE[0], label=f"AUC {c.test_scores['roc_auc']:.3f}")
    left.plot([0, 1], [0, 1], color=PALETTE[6], linestyle=":", label="chance")
    left.set_xlabel("false positive rate")
    left.set_ylabel("true positive rate (recall)")
    left.legend()
    right.plot(recall, precision, color=PALETTE[0], label=f"AP {c.test_scores['pr_auc']:.3f}")
    right.axhline(c.y_test.mean(), color=PALETTE[6], linestyle=":", label="base rate")
    right.set_xlabel("recall")
    right.set_ylabel("precision")
    right.legend()
    sec.figure(fig, caption="ROC and precision–recall curves on the test split", alt="curves")


def _regression(sec: Section, c: Comparison) -> None:
    residual = c.y_test - c.test_output
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.8)
    left.scatter(c.y_test, c.test_output, s=8, alpha=0.5, color=PALETTE[0])
    lo, hi = float(c.y_test.min()), float(c.y_test.max())
    left.plot([lo, hi], [lo, hi], color=PALETTE[6], linestyle=":")
    left.set_xlabel(f"actual {c.target.name}")
    left.set_ylabel("predicted")
    right.hist(residual, bins=40, color=PALETTE[0])
    right.set_xlabel("residual (actual − predicted)")
    sec.figure(fig, caption="Predictions and residuals on the test split", alt="scatter")


def _confusion_and_calibration(report: Report, c: Comparison, prefix: str) -> None:
    chosen = c.threshold is not None
    threshold = c.threshold.threshold if c.threshold is not None else DEFAULT_THRESHOLD
    which = "the chosen threshold" if chosen else "scikit-learn's default threshold"
    sec = report.section(
        f"{prefix}Confusion matrix and calibration",
        intro=f"Left: test predictions at {which} {threshold:.2f}. Right: among customers "
        "given probability p, the share who really are positive; on the diagonal, the "
        "probabilities can be taken at face value (and the value curve trusted). Each point "
        "is one bin of predicted probabilities; the table gives the rows in each, since a bin "
        "of a dozen rows can miss the diagonal by chance alone.",
    )
    predicted = (c.test_output >= threshold).astype(int)
    matrix = confusion_matrix(c.y_test, predicted, labels=[0, 1])  # (2, 2): rows = truth
    names = [str(c.target.negative_class), str(c.target.positive_class)]
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.8)
    left.imshow(matrix, cmap=SEQUENTIAL_CMAP)
    left.grid(False)
    for (i, j), count in np.ndenumerate(matrix):
        colour = "white" if count < matrix.max() / 2 else "black"
        left.text(j, i, f"{count:,}", ha="center", va="center", color=colour)
    left.set_xticks([0, 1], names)
    left.set_yticks([0, 1], names)
    left.set_xlabel(f"predicted (yes at P ≥ {threshold:.2f})")
    left.set_ylabel("actual")
    bins = calibration_bins(c.y_test, c.test_output)
    right.plot([0, 1], [0, 1], color=PALETTE[6], linestyle=":", label="perfect")
    right.plot(bins["predicted"], bins["observed"], color=PALETTE[0], marker="o", label=c.winner)
    right.set_xlabel("predicted probability (mean of the bin)")
    right.set_ylabel("observed share positive")
    right.legend()
    sec.figure(fig, caption="Confusion matrix and calibration curve (test)", alt="matrix")
    tn, fp, fn, tp = (int(v) for v in matrix.ravel())
    worst = bins.iloc[int(np.argmax(bins["gap"].abs().to_numpy()))]
    weighted = float(np.average(bins["gap"].abs(), weights=bins["rows"]))
    sec.notes(
        [
            f"At {threshold:.2f}: {tp} of {tp + fn} positives caught (recall "
            f"{tp / max(tp + fn, 1):.1%}), {fp} false alarms among {tn + fp} negatives.",
            f"Largest gap between predicted and observed probability: {abs(worst['gap']):.3f}, "
            f"in the bin {worst['bin']}, which holds {int(worst['rows']):,} of "
            f"{len(c.y_test):,} rows. Weighted by rows, the gap averages {weighted:.3f} (the "
            "expected calibration error).",
        ]
    )
    sec.table(
        bins,
        max_rows=len(bins),
        caption=f"Calibration on the test rows, {CALIBRATION_BINS} bins of equal width "
        "(empty bins left out)",
    )
    columns = {threshold: f"at {threshold:.2f}" + (" (chosen)" if chosen else "")}
    if chosen and threshold != DEFAULT_THRESHOLD:
        columns[DEFAULT_THRESHOLD] = f"at {DEFAULT_THRESHOLD:.2f} (scikit-learn's default)"
    table = pd.DataFrame({"metric": [NAMES[m] for m in THRESHOLD_METRICS]})
    for at, column in columns.items():
        values = at_threshold(c.y_test, c.test_output, at)
        table[column] = [values[m] for m in THRESHOLD_METRICS]
    sec.table(
        table,
        caption="Yes/no metrics on the test rows: a customer counts as predicted positive when "
        "P ≥ the threshold of the column",
    )


def _importance(report: Report, c: Comparison, prefix: str) -> None:
    # permutation_importance reports score(original) − score(shuffled) on scikit-learn's
    # greater-is-better scale, so for an error (RMSE, log loss) a positive importance is the
    # error *rising* by that much: say "rise", never "drop" or a minus sign.
    name = NAMES[c.primary]
    worse = "drops" if higher_is_better(c.task, c.primary) else "rises"
    sec = report.section(
        f"{prefix}Permutation importance (test split)",
        intro=f"How much the test {name} {worse} when one column is shuffled, "
        "breaking its link to the target while keeping its distribution: the more it "
        f"{worse}, the more the model relies on that column. Measured on held-out rows, on "
        "the original columns (before encoding), so it reads in the data's own terms.",
    )
    top = c.importance.head(15).iloc[::-1]
    fig, ax = new_figure(width=7.0, height=0.35 * len(top) + 1.0)
    ax.barh(top["feature"], top["mean"], xerr=top["std"], color=PALETTE[0], capsize=2)
    ax.set_xlabel(f"how much {name} {worse} when the column is shuffled")
    sec.figure(fig, caption=f"Permutation importance of {c.winner}", alt="importance bars")
    first = c.importance.iloc[0]
    useless = c.importance[c.importance["mean"] <= 0]["feature"].tolist()
    notes = [
        f"Most important: {first['feature']} ({name} {worse} by {first['mean']:.3f} when shuffled)."
    ]
    if useless:
        notes.append(f"No measurable effect on the test score: {', '.join(useless)}.")
    if c.screen:
        notes.append(
            f"Only the {len(c.importance)} columns the winner kept (its screen, fitted on the "
            f"training rows) were shuffled; it never sees the other "
            f"{len(c.features) - len(c.importance):,}, so their importance is exactly 0."
        )
    sec.notes(notes)


def _threshold(report: Report, c: Comparison, prefix: str, business_table: str) -> None:
    th = c.threshold
    if th is None:
        return
    b = c.config.business
    sec = report.section(
        f"{prefix}Business decision: the threshold worth the most",
        intro=f"Assumptions (config [{business_table}]): a retention offer costs "
        f"{b.offer_cost:g}; it keeps {b.success_rate:.0%} of the customers who would "
        f"have left; a kept customer is worth {b.saved_value:g}. Contacting a customer "
        f"pays on average when P(churn) × {b.success_rate:g} × {b.saved_value:g} > "
        f"{b.offer_cost:g}, i.e. above {th.break_even:.2f} if the probabilities are "
        "calibrated. The threshold is chosen on out-of-fold predictions of the training "
        "rows (each row predicted by a model fitted without it), then checked on the test "
        "rows.",
    )
    fig, ax = new_figure(width=7.5, height=3.8)
    ax.plot(
        th.train_curve["threshold"],
        th.train_curve["value_per_customer"],
        color=PALETTE[0],
        label="training rows (out-of-fold)",
    )
    ax.plot(
        th.test_curve["threshold"],
        th.test_curve["value_per_customer"],
        color=PALETTE[1],
        label="test rows",
    )
    ax.axvline(th.threshold, color=PALETTE[3], linestyle="--", label=f"chosen {th.threshold:.2f}")
    ax.axhline(0, color=PALETTE[6], linewidth=1)
    ax.set_xlabel("threshold on P(churn)")
    ax.set_ylabel("expected value per customer\n(in offer_cost's currency)")
    ax.legend()
    sec.figure(fig, caption="Expected value of the campaign against the threshold", alt="curve")
    sec.notes(
        [
            f"Chosen threshold {th.threshold:.2f} (break-even {th.break_even:.2f}): on the test "
            f"rows it contacts {th.test_contacted:.1%} of customers and is worth "
            f"{th.test_value:.2f} per customer.",
            f"The default 0.5 would be worth {th.test_value_default:.2f}; contacting everyone "
            f"{th.test_value_everyone:.2f}; contacting no one 0.",
        ]
    )
