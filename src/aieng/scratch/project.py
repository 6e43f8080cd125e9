"""Month 3's project: linear regression from scratch on real data, checked against scikit-learn.

``aieng run m03`` predicts the wage (in $1000s) of 3,000 Mid-Atlantic workers (ISLR's ``Wage``)
from age, year, education, job class, health, insurance and marital status, and shows the maths:

1. the closed-form least-squares fit, agreeing with scikit-learn to rounding;
2. batch gradient descent at several learning rates — one too large, so its loss diverges,
   which is caught and drawn rather than crashing;
3. mini-batch SGD with a decaying learning rate;
4. residuals, R² and RMSE on a held-out 20 % the model never saw;
5. PCA by eigendecomposition of the covariance matrix, matched to scikit-learn.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

from aieng.datasets import load
from aieng.reports import Report
from aieng.runs.result import RunConfig, RunResult
from aieng.scratch import figures
from aieng.scratch.linear import LinearRegression

# Not features: `logwage` is the target in disguise (leakage), `race` a protected attribute,
# and `region` has a single level in this sample.
FEATURES = ["age", "year", "education", "jobclass", "health", "health_ins", "maritl"]
TARGET = "wage"


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 3 settings; every field has a default, so ``aieng run m03`` needs none."""

    dataset: str = "islr_wage"  # a catalog dataset with the FEATURES and TARGET columns
    test_size: float = 0.2  # share held out for the final R² and RMSE
    learning_rates: tuple[float, ...] = (0.01, 0.1, 1.0, 2.5)  # 2.5 > 2/L: diverges on purpose
    max_iter: int = 500  # gradient-descent epochs per learning rate
    sgd_epochs: int = 200  # passes over the data for mini-batch SGD (its step decays as 1/t)


def design_matrix(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """One-hot encode the categories, dropping one level of each (no perfect collinearity)."""
    X = pd.get_dummies(frame[FEATURES], drop_first=True, dtype=float)  # (n_samples, n_features)
    return X, frame[TARGET].astype(float)


def run(config: Config) -> RunResult:
    """Fit, compare and report; write ``report.html`` into ``config.out_dir``."""
    X, y = design_matrix(load(config.dataset))
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=config.test_size, random_state=config.seed
    )
    reference = SkLinearRegression().fit(X_train, y_train).coef_
    closed = LinearRegression(solver="closed_form").fit(X_train, y_train)
    with warnings.catch_warnings():  # SGD's loss keeps jittering by design; the report says so
        warnings.simplefilter("ignore", ConvergenceWarning)
        sgd = LinearRegression(
            solver="sgd",
            learning_rate=0.1,
            lr_schedule="invscaling",
            lr_decay=1.0,
            max_iter=config.sgd_epochs,
            random_state=config.seed,
        ).fit(X_train, y_train)
    pred = closed.predict(X_test)
    r2 = float(r2_score(y_test, pred))
    rmse = float(np.sqrt(mean_squared_error(y_test, pred)))

    report = Report(
        title="Month 3 — linear regression from scratch",
        subtitle=f"{config.dataset}: {len(X):,} workers, {X.shape[1]} features after one-hot "
        f"encoding, {len(X_test):,} held out",
    )
    gd = figures.gradient_descent_section(
        report, X_train, y_train, learning_rates=config.learning_rates, max_iter=config.max_iter
    )
    fits = {"closed form": closed.coef_, "sgd": sgd.coef_}
    if gd is not None:
        fits["gd"] = gd.coef_
    gaps = {name: float(np.max(np.abs(coef - reference))) for name, coef in fits.items()}
    report.metrics(
        {
            "R² (held out)": r2,
            "RMSE (held out, $1000s)": rmse,
            "closed form − sklearn": f"{gaps['closed form']:.1e}",
            "gd − sklearn": f"{gaps.get('gd', float('nan')):.1e}",
        }
    )
    figures.coefficient_section(report, X.columns, fits, reference)
    figures.residual_section(report, y_test.to_numpy(), pred)
    pca_gap = figures.pca_section(report, X_train)
    path = report.write(config.out_dir / "report.html")
    metrics = {
        "r2_test": r2,
        "rmse_test": rmse,
        "max_coef_gap_closed_form": gaps["closed form"],
        "max_coef_gap_sgd": gaps["sgd"],
        "max_pca_gap": pca_gap,
    }
    if "gd" in gaps:
        metrics["max_coef_gap_gd"] = gaps["gd"]
    summary = (
        f"Closed-form least squares matches scikit-learn to {gaps['closed form']:.0e}; "
        f"held-out R² {r2:.3f}, RMSE {rmse:.1f} ($1000s)."
    )
    return RunResult(summary=summary, metrics=metrics, report=path)
