"""The sections of month 3's report: each one a plot and the numbers behind it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA as SkPCA
from sklearn.exceptions import ConvergenceWarning

from aieng.reports import Report, new_figure
from aieng.reports.style import PALETTE
from aieng.scratch._common import DivergenceError
from aieng.scratch.linear import LinearRegression
from aieng.scratch.pca import PCA


def gradient_descent_section(
    report: Report,
    X: pd.DataFrame,
    y: pd.Series,
    *,
    learning_rates: tuple[float, ...],
    max_iter: int,
) -> LinearRegression | None:
    """Loss curves for each learning rate; return the converged fit with the lowest loss.

    A learning rate above 2/L (L: the largest curvature of the loss) makes every step overshoot
    further than the last, so one curve is *meant* to diverge: the error is caught and drawn.
    """
    sec = report.section(
        "Gradient descent: the learning rate decides",
        intro="Batch gradient descent on standardized features, one curve per learning rate. "
        "Too small crawls; too large overshoots and the loss explodes.",
    )
    fig, ax = new_figure(width=7.5, height=4.0)
    best: LinearRegression | None = None
    notes = []
    kept: list[np.ndarray] = []  # the histories that did not diverge: they set the y range
    for colour, lr in zip(PALETTE, learning_rates, strict=False):
        model = LinearRegression(solver="gd", learning_rate=lr, max_iter=max_iter)
        try:
            with warnings.catch_warnings():  # a capped run is the point of the slow curve
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(X, y)
            history, label = model.loss_history_, f"η = {lr:g}"
            kept.append(np.asarray(history))
            how = (
                f"stopped at the {max_iter}-epoch limit before converging"
                if model.n_iter_ >= max_iter
                else f"converged after {model.n_iter_} epochs"
            )
            notes.append(f"η = {lr:g}: loss {history[-1]:,.2f}, {how}.")
            if best is None or history[-1] < best.loss_history_[-1]:
                best = model
        except DivergenceError as exc:
            history, label = exc.loss_history, f"η = {lr:g} (diverged: above the chart)"
            notes.append(f"η = {lr:g}: {exc.message}; the fix: {exc.hint}.")
        ax.plot(np.arange(1, len(history) + 1), history, color=colour, label=label)
    if kept:
        # The diverged curve reaches 1e9 and would squash the others into one line at the
        # bottom (545 against 554 after 500 epochs): the axis shows the ones that converge.
        low = min(float(h.min()) for h in kept)
        high = max(float(h[0]) for h in kept)
        ax.set_ylim(low - 0.05 * (high - low), high + 0.25 * (high - low))
    ax.set_xscale("log")  # the fast rates finish in a few epochs, the slow one takes 500
    ax.set_xlabel("epoch (log scale)")
    ax.set_ylabel("loss (half mean squared error)")
    ax.legend()
    sec.figure(fig, caption="Training loss per epoch for each learning rate", alt="loss curves")
    sec.notes(notes)
    return best


def coefficient_section(
    report: Report, names: pd.Index, fits: dict[str, np.ndarray], reference: np.ndarray
) -> None:
    """Our coefficients beside scikit-learn's, per solver, as a table and a chart."""
    sec = report.section(
        "Our coefficients against scikit-learn",
        intro="The closed form solves the same least-squares problem as scikit-learn and must "
        "agree to rounding; the iterative solvers approach it.",
    )
    table = pd.DataFrame(
        {"feature": names, "scikit-learn": reference, "ours (closed form)": fits["closed form"]}
    )
    for solver, coef in fits.items():  # the differences are the lesson; keep the table narrow
        table[f"{solver} − sklearn"] = coef - reference
    sec.table(table, max_rows=len(table), digits=6, caption="Coefficients ($1000s per unit)")
    fig, ax = new_figure(width=7.5, height=0.35 * len(names) + 1.0)
    ypos = np.arange(len(names))
    ax.barh(ypos + 0.2, reference, height=0.4, color=PALETTE[0], label="scikit-learn")
    ax.barh(ypos - 0.2, fits["closed form"], height=0.4, color=PALETTE[1], label="ours")
    ax.set_yticks(ypos, [str(n)[:28] for n in names])
    ax.set_xlabel("coefficient ($1000s)")
    ax.legend()
    sec.figure(fig, caption="Closed-form coefficients, ours and scikit-learn's", alt="bars")


def residual_section(report: Report, y_true: np.ndarray, y_pred: np.ndarray) -> None:
    """Residuals on the held-out rows: their spread and whether they depend on the prediction."""
    sec = report.section(
        "Residuals on held-out data",
        intro="Errors on the 20 % the model never saw. A funnel or a curve here means the "
        "linear model misses structure; a long right tail means a few very high earners.",
    )
    residuals = y_true - y_pred
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.6)
    left.scatter(y_pred, residuals, s=8, alpha=0.5, color=PALETTE[0])
    left.axhline(0, color=PALETTE[6], linewidth=1)
    left.set_xlabel("predicted wage ($1000s)")
    left.set_ylabel("residual: actual − predicted ($1000s)")
    right.hist(residuals, bins=40, color=PALETTE[0])
    right.set_xlabel("residual ($1000s)")
    right.set_ylabel("workers")
    sec.figure(
        fig, caption="Residuals against predictions, and their distribution", alt="residuals"
    )
    share = float(np.mean(residuals > 2 * residuals.std()))
    sec.notes(
        [
            f"{share:.1%} of held-out workers earn more than two standard deviations above "
            "their prediction: the wage distribution has a long right tail."
        ]
    )


def pca_section(report: Report, X: pd.DataFrame) -> float:
    """PCA by eigendecomposition beside scikit-learn's; return the largest difference seen."""
    Xs = (X - X.mean()) / X.std(ddof=0).replace(0, 1)  # (n_samples, n_features), unit variance
    ours = PCA().fit(Xs.to_numpy())
    ref = SkPCA().fit(Xs.to_numpy())
    signs = np.sign(np.sum(ours.components_ * ref.components_, axis=1))  # eigenvectors: ±v
    gap = float(
        max(
            np.max(np.abs(ours.components_ - signs[:, None] * ref.components_)),
            np.max(np.abs(ours.explained_variance_ - ref.explained_variance_)),
        )
    )
    sec = report.section(
        "PCA: eigenvectors of the covariance matrix",
        intro="The principal components are the eigenvectors of the features' covariance "
        "matrix, ordered by eigenvalue (the variance along each).",
    )
    fig, ax = new_figure(width=7.5, height=3.5)
    ratio = ours.explained_variance_ratio_
    ax.bar(np.arange(1, len(ratio) + 1), ratio, color=PALETTE[0], label="per component")
    ax.plot(np.arange(1, len(ratio) + 1), np.cumsum(ratio), color=PALETTE[1], label="cumulative")
    ax.set_xlabel("component")
    ax.set_ylabel("share of variance")
    ax.legend()
    sec.figure(fig, caption="Explained variance of the standardized features", alt="scree plot")
    k = int(np.searchsorted(np.cumsum(ratio), 0.9) + 1)
    sec.notes(
        [
            f"{k} of {len(ratio)} components keep 90% of the variance.",
            f"Largest difference from scikit-learn's PCA (up to sign): {gap:.1e}.",
        ]
    )
    return gap
