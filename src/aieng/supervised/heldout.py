"""Report sections on the untouched test split: the winner scored once, and what it means.

Classification: ROC and precision–recall curves, the confusion matrix at the chosen threshold,
the calibration curve, permutation importance and the business value curve. Regression:
predictions against the truth, residuals, permutation importance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix, precision_recall_curve, roc_curve

from aieng.reports import Report, Section, new_figure
from aieng.reports.style import PALETTE, SEQUENTIAL_CMAP
from aieng.supervised.evaluate import NAMES

if TYPE_CHECKING:
    from aieng.supervised.comparison import Comparison


def test_sections(report: Report, c: Comparison, prefix: str) -> None:
    """Every held-out section for ``c``'s task."""
    sec = report.section(
        f"{prefix}The winner on the untouched test split",
        intro=f"{c.winner}, refitted on all {c.n_train:,} training rows, scored once on the "
        f"{c.n_test:,} test rows that no choice so far has seen. Close to its cross-validated "
        "score means the estimate was honest.",
    )
    cv = c.leaderboard.iloc[0]
    table = pd.DataFrame(
        {
            "metric": [NAMES[m] for m in c.test_scores],
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
        _threshold(report, c, prefix)


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
    threshold = c.threshold.threshold if c.threshold is not None else 0.5
    sec = report.section(
        f"{prefix}Confusion matrix and calibration",
        intro=f"Left: test predictions at the chosen threshold {threshold:.2f}. Right: among "
        "customers given probability p, the share who really are positive; on the diagonal, "
        "the probabilities can be taken at face value (and the value curve trusted).",
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
    left.set_xlabel("predicted")
    left.set_ylabel("actual")
    observed, predicted_p = calibration_curve(c.y_test, c.test_output, n_bins=10)
    right.plot([0, 1], [0, 1], color=PALETTE[6], linestyle=":", label="perfect")
    right.plot(predicted_p, observed, color=PALETTE[0], marker="o", label=c.winner)
    right.set_xlabel("predicted probability")
    right.set_ylabel("observed share positive")
    right.legend()
    sec.figure(fig, caption="Confusion matrix and calibration curve (test)", alt="matrix")
    tn, fp, fn, tp = (int(v) for v in matrix.ravel())
    worst = float(np.max(np.abs(observed - predicted_p)))
    sec.notes(
        [
            f"At {threshold:.2f}: {tp} of {tp + fn} positives caught (recall "
            f"{tp / max(tp + fn, 1):.1%}), {fp} false alarms among {tn + fp} negatives.",
            f"Largest gap between predicted and observed probability over 10 bins: {worst:.3f}.",
        ]
    )


def _importance(report: Report, c: Comparison, prefix: str) -> None:
    sec = report.section(
        f"{prefix}Permutation importance (test split)",
        intro="How much the test score drops when one column is shuffled, breaking its link "
        "to the target while keeping its distribution. Measured on held-out rows, on the "
        "original columns (before encoding), so it reads in the data's own terms.",
    )
    top = c.importance.head(15).iloc[::-1]
    fig, ax = new_figure(width=7.0, height=0.35 * len(top) + 1.0)
    ax.barh(top["feature"], top["mean"], xerr=top["std"], color=PALETTE[0], capsize=2)
    ax.set_xlabel(f"drop in {NAMES[c.primary]} when shuffled")
    sec.figure(fig, caption=f"Permutation importance of {c.winner}", alt="importance bars")
    first = c.importance.iloc[0]
    useless = c.importance[c.importance["mean"] <= 0]["feature"].tolist()
    notes = [f"Most important: {first['feature']} (−{first['mean']:.3f} when shuffled)."]
    if useless:
        notes.append(f"No measurable effect on the test score: {', '.join(useless)}.")
    if c.screen:
        notes.append(
            f"Only the {len(c.importance)} columns the winner kept (its screen, fitted on the "
            f"training rows) were shuffled; it never sees the other "
            f"{len(c.features) - len(c.importance):,}, so their importance is exactly 0."
        )
    sec.notes(notes)


def _threshold(report: Report, c: Comparison, prefix: str) -> None:
    th = c.threshold
    if th is None:
        return
    b = c.config.business
    sec = report.section(
        f"{prefix}Business decision: the threshold worth the most",
        intro=f"Assumptions (config [business]): a retention offer costs {b.offer_cost:g}; it "
        f"keeps {b.success_rate:.0%} of the customers who would have left; a kept customer is "
        f"worth {b.saved_value:g}. Contacting a customer pays on average when "
        f"P(churn) × {b.success_rate:g} × {b.saved_value:g} > {b.offer_cost:g}, i.e. above "
        f"{th.break_even:.2f} if the probabilities are calibrated. The threshold is chosen on "
        "out-of-fold predictions of the training rows, then checked on the test rows.",
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
    ax.set_ylabel("expected value per customer")
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
