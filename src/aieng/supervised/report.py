"""The comparison as a report: each section a plot and the numbers behind it.

:func:`build_report` makes a stand-alone report; :func:`add_sections` appends one comparison's
sections to an existing report (``aieng run m04`` puts churn and wage in one page).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aieng.reports import Report, new_figure
from aieng.reports.style import PALETTE
from aieng.supervised import heldout
from aieng.supervised.comparison import Comparison
from aieng.supervised.evaluate import NAMES, PairedTest, higher_is_better, metrics_for


def build_report(comparison: Comparison, *, title: str = "Model comparison") -> Report:
    """A report of one comparison: leaderboard, tests, curves, held-out scores, threshold."""
    c = comparison
    report = Report(title=title, subtitle=_subtitle(c))
    report.metrics(headline(c))
    add_sections(report, c)
    return report


def headline(c: Comparison) -> dict[str, float | str]:
    """The numbers for the report's cards."""
    cards: dict[str, float | str] = {"winner": c.winner}
    cards[f"{NAMES[c.primary]} (test)"] = c.test_scores[c.primary]
    cards[f"{NAMES[c.primary]} (CV)"] = float(c.leaderboard[c.primary].iloc[0])
    if c.top_two is not None:
        cards["p (winner vs runner-up)"] = c.top_two.p_value
    if c.threshold is not None:
        cards["threshold (by value)"] = c.threshold.threshold
    return cards


def _subtitle(c: Comparison) -> str:
    return (
        f"target {c.target.name!r} ({c.task}); {c.n_train + c.n_test:,} rows, "
        f"{c.n_test:,} held out; {len(c.features)} feature columns"
    )


def add_sections(
    report: Report, c: Comparison, *, prefix: str = "", business_table: str = "business"
) -> None:
    """Append every section of ``c`` to ``report`` (titles start with ``prefix``).

    ``business_table`` names the config table of the business case as the reader's file
    spells it: ``[business]`` for ``aieng compare``, ``[train.business]`` in a pipeline.
    """
    data_section(report, c, prefix)
    leaderboard_section(report, c, prefix)
    gap_section(report, c, prefix)
    if c.top_two is not None:
        paired_section(report, c.top_two, prefix, twins=c.twins is not None)
    if c.feature_tests:
        feature_section(report, c, prefix)
    curves_section(report, c, prefix)
    heldout.test_sections(report, c, prefix, business_table=business_table)


def data_section(report: Report, c: Comparison, prefix: str) -> None:
    """What the models see, and the target's distribution."""
    sec = report.section(
        f"{prefix}Data and preprocessing",
        intro="Everything learned from data (medians for gaps, scaling, category levels) is "
        "fitted inside a scikit-learn Pipeline on the training part of each fold only, so no "
        "validation row shapes the model that is scored on it.",
    )
    fig, ax = new_figure(width=6.0, height=2.8)
    if c.task == "classification":
        y = pd.Series(c.target.y)
        counts = [int((y == 0).sum()), int((y == 1).sum())]
        ax.barh(
            [str(c.target.negative_class), str(c.target.positive_class)],
            counts,
            color=[PALETTE[0], PALETTE[1]],
        )
        ax.set_xlabel("rows")
        sec.figure(fig, caption=f"Classes of {c.target.name!r}", alt="class counts")
        share = counts[1] / sum(counts)
        facts = [f"{share:.1%} of rows are {c.target.positive_class!r}, the positive class."]
    else:
        ax.hist(c.target.y, bins=40, color=PALETTE[0])
        ax.set_xlabel(c.target.name)
        ax.set_ylabel("rows")
        sec.figure(fig, caption=f"Distribution of {c.target.name!r}", alt="histogram")
        facts = [f"{c.target.name!r}: mean {c.target.y.mean():.1f}, sd {c.target.y.std():.1f}."]
    sec.notes([*c.notes, *facts, f"Features: {_listed(c.features)}."])


def _listed(names: list[str], limit: int = 50) -> str:
    """The first ``limit`` names, then how many more (a wide table has thousands)."""
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" and {more:,} more" if more > 0 else "")


def leaderboard_section(report: Report, c: Comparison, prefix: str) -> None:
    """Mean ± standard deviation over the folds, every metric, best first."""
    folds = c.scores["fold"].nunique()
    cfg = c.config
    sec = report.section(
        f"{prefix}Leaderboard ({cfg.repeats}×{cfg.folds}-fold cross-validation)",
        intro=f"Every model is scored on the same {folds} folds of the training part "
        f"({'stratified, ' if c.task == 'classification' else ''}repeated {cfg.repeats}×). "
        "Bars show the mean, whiskers one standard deviation across folds.",
    )
    board = c.leaderboard
    metrics = list(metrics_for(c.task))
    shown = [m for m in metrics if m in ("roc_auc", "pr_auc", "log_loss", "rmse", "mae", "r2")]
    fig, axes = new_figure(
        1, len(shown), width=3.2 * len(shown), height=0.45 * len(board) + 1.2, sharey=True
    )
    ypos = np.arange(len(board))[::-1]  # best at the top
    for ax, metric in zip(np.atleast_1d(axes), shown, strict=True):
        ax.barh(ypos, board[metric], xerr=board[f"{metric}_std"], color=PALETTE[0], capsize=3)
        ax.set_xlabel(NAMES[metric] + (" ↑" if higher_is_better(c.task, metric) else " ↓"))
        ax.set_yticks(ypos, list(board["model"]))
        if metric in ("roc_auc", "pr_auc", "r2"):
            ax.set_xlim(left=max(0.0, float((board[metric] - board[f"{metric}_std"]).min()) - 0.05))
    sec.figure(fig, caption="Cross-validated scores (↑ higher is better, ↓ lower)", alt="bars")
    table = board[["model"]].copy()
    for metric in metrics:
        table[NAMES[metric]] = [
            f"{m:.3f} ± {s:.3f}" for m, s in zip(board[metric], board[f"{metric}_std"], strict=True)
        ]
    table["fit s"] = board["fit_time"]
    caption = "Validation scores, mean ± sd over folds"
    if c.task == "classification":  # yes/no metrics hold for one threshold: name it
        caption += (
            f"; accuracy, precision, recall and F1 count a yes at P ≥ "
            f"{heldout.DEFAULT_THRESHOLD:.2f}, scikit-learn's default"
        )
    sec.table(table, max_rows=len(table), caption=caption)
    notes = [
        f"Best by {NAMES[c.primary]}: {c.winner} ({board[c.primary].iloc[0]:.3f}); the "
        "dummy baseline is the floor every model must clear."
    ]
    if c.twins is not None:
        t = c.twins
        notes.append(
            f"Month 3's from-scratch model against scikit-learn's (the same model, fitted on "
            f"the same folds): {t.a} ahead by {t.mean:.4f} {NAMES[t.metric]} on average, "
            f"p = {t.p_value:.2f}."
        )
    sec.notes(notes)


def gap_section(report: Report, c: Comparison, prefix: str) -> None:
    """Train against validation score per model: the overfitting gap."""
    p = c.primary
    sec = report.section(
        f"{prefix}Overfitting: training against validation scores",
        intro="A model that scores much better on the rows it was fitted on than on held-out "
        "rows has memorised noise (overfitting); one that is poor on both underfits.",
    )
    board = c.leaderboard
    ypos = np.arange(len(board))[::-1]
    fig, ax = new_figure(width=7.0, height=0.45 * len(board) + 1.2)
    ax.barh(ypos + 0.2, board[f"{p}_train"], height=0.4, color=PALETTE[1], label="train")
    ax.barh(ypos - 0.2, board[p], height=0.4, color=PALETTE[0], label="validation")
    ax.set_yticks(ypos, list(board["model"]))
    ax.set_xlabel(NAMES[p])
    ax.legend()
    sec.figure(fig, caption=f"{NAMES[p]} on training and validation folds", alt="gap bars")
    worst = board.iloc[int(np.argmax(board["gap"].abs().to_numpy()))]
    sec.notes(
        [
            f"Largest gap: {worst['model']} ({worst[f'{p}_train']:.3f} on its training rows, "
            f"{worst[p]:.3f} on validation).",
            f"{c.winner}: gap {board['gap'].iloc[0]:+.3f}.",
        ]
    )


def paired_section(report: Report, test: PairedTest, prefix: str, *, twins: bool) -> None:
    """Is the winner really better than the runner-up? The corrected resampled t-test.

    ``twins``: month 3's from-scratch model is among the candidates, and the intro says why
    it is not the runner-up (it is the same model as scikit-learn's).
    """
    twin = " (our month-3 twin of a scikit-learn model does not count as other)" if twins else ""
    sec = report.section(
        f"{prefix}Is the winner really better? (corrected resampled t-test)",
        intro=f"The difference between the winner and the best other model on each fold{twin}, "
        "and the Nadeau–Bengio corrected t-test: the folds share most of their training rows, "
        "so the plain t-test would be far too confident; the correction widens the variance "
        "by n_test/n_train. p is the chance of a difference at least this large if the two "
        "models were equally good; below 5 % it is called significant.",
    )
    fig, ax = new_figure(width=6.5, height=2.8)
    d = np.array(test.differences)
    ax.scatter(d, np.zeros_like(d), color=PALETTE[0], zorder=3)
    ax.axvline(0, color=PALETTE[6], linewidth=1)
    ax.axvline(test.mean, color=PALETTE[3], linestyle="--", label=f"mean {test.mean:+.4f}")
    ax.set_yticks([])
    ax.set_xlabel(f"{NAMES[test.metric]}: {test.a} better → (per fold)")
    ax.legend()
    sec.figure(fig, caption="Per-fold difference of the top two models", alt="differences")
    word = "is" if test.significant() else "is not"
    verdict = (
        f"{test.a} beats {test.b} by {test.mean:.4f} {NAMES[test.metric]} on average over "
        f"{len(test.differences)} folds; t = {test.t:.2f}, df = {test.df}, p = {test.p_value:.3f}: "
        f"the difference {word} significant at 5 %."
        + ("" if test.significant() else " Either model is a defensible choice.")
    )
    sec.notes([verdict])


def feature_section(report: Report, c: Comparison, prefix: str) -> None:
    """Do the domain features help? Same folds with and without them."""
    sec = report.section(
        f"{prefix}Do the domain features help?",
        intro="The same models on the same folds with and without the domain features "
        "(charges per month of tenure, the change of the monthly charge against it, number of "
        "services), compared with the corrected t-test.",
    )
    tests = c.feature_tests
    fig, axes = new_figure(1, len(tests), width=3.6 * len(tests), height=3.2, sharey=True)
    for ax, ft in zip(np.atleast_1d(axes), tests, strict=True):
        for w, wo in zip(ft.with_folds, ft.without_folds, strict=True):
            ax.plot([0, 1], [wo, w], color=PALETTE[0], alpha=0.6, marker="o")
        ax.set_xticks([0, 1], ["without", "with"])
        ax.set_title(ft.model, fontsize=9)
        ax.set_ylabel(f"{NAMES[c.primary]} per fold")
    sec.figure(fig, caption="Each line is one fold", alt="paired lines")
    notes = []
    for ft in tests:
        word = "significant" if ft.test.significant() else "not significant"
        notes.append(
            f"{ft.model}: {ft.with_features:.4f} with, {ft.without_features:.4f} without "
            f"(difference {ft.with_features - ft.without_features:+.4f}, p = "
            f"{ft.test.p_value:.2f}, {word})."
        )
    sec.notes(notes)


def curves_section(report: Report, c: Comparison, prefix: str) -> None:
    """Learning curve of the winner and validation curve of a decision tree over depth."""
    p = NAMES[c.primary]
    # The words follow the metric's direction: for an error (RMSE) "good" is low, and an
    # overfitting tree's validation error *rises* while its training error falls to 0.
    if higher_is_better(c.task, c.primary):
        under, over = "both low", "training perfect, validation falling"
    else:
        under, over = "both errors high", "training error near 0, validation error rising"
    sec = report.section(
        f"{prefix}Learning and validation curves",
        intro=f"Left: {c.winner} trained on growing shares of the training part. Converging "
        "curves mean more rows would not help much; a persistent gap means variance (the "
        "model learns the noise of its rows, and more rows would help). Right: a decision "
        f"tree as it deepens, from underfitting ({under}) to overfitting ({over}).",
    )
    fig, (left, right) = new_figure(1, 2, width=9.5, height=3.6)
    for ax, frame, x in ((left, c.learning, "train_size"), (right, c.depth, "max_depth")):
        ax.plot(frame[x], frame["train"], color=PALETTE[1], marker="o", label="train")
        ax.plot(frame[x], frame["valid"], color=PALETTE[0], marker="o", label="validation")
        ax.fill_between(
            frame[x],
            frame["valid"] - frame["valid_std"],
            frame["valid"] + frame["valid_std"],
            color=PALETTE[0],
            alpha=0.2,
        )
        ax.set_ylabel(p)
        ax.legend()
    left.set_xlabel("training rows")
    right.set_xlabel("max_depth of the tree")
    sec.figure(fig, caption="Learning curve (winner) and validation curve (tree depth)", alt="")
    valid = c.depth["valid"].to_numpy()
    best = c.depth.iloc[
        int(np.argmax(valid) if higher_is_better(c.task, c.primary) else np.argmin(valid))
    ]
    last = c.learning.iloc[-1]
    sec.notes(
        [
            f"The tree validates best at depth {int(best['max_depth'])} ({p} "
            f"{best['valid']:.3f}); at depth {int(c.depth['max_depth'].iloc[-1])} it scores "
            f"{c.depth['train'].iloc[-1]:.3f} on its training rows and "
            f"{c.depth['valid'].iloc[-1]:.3f} on validation.",
            # The curve's largest point is a fold's training part, not the whole training
            # split (4,507 of 5,634 rows with 5 folds): say so, or the two counts look wrong.
            f"{c.winner} trained on {int(last['train_size']):,} rows, the training part of one "
            f"cross-validation fold (of {c.n_train:,} training rows): {p} "
            f"{last['train']:.3f} train, {last['valid']:.3f} validation.",
        ]
    )
