"""Choose the decision threshold by money, not by the default 0.5.

A churn model outputs a probability; the business acts on a yes/no: send the retention offer or
not. Which threshold is best depends on what each kind of error costs (``BusinessCase``): a
cheap offer and a valuable customer make it worth contacting many people at low probability.

The expected value of contacting a set of customers, relative to contacting nobody, is

    value(t) = Σ_{p_i ≥ t} (y_i · success_rate · saved_value − offer_cost)

(a true churner is saved with probability ``success_rate``; every offer costs ``offer_cost``).
The threshold is chosen on out-of-fold predictions of the training rows and then *checked* on
the untouched test rows, so the value we quote is not the one we optimised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aieng.supervised.config import BusinessCase

GRID = np.round(np.linspace(0.0, 1.0, 101), 2)  # thresholds 0.00, 0.01, …, 1.00


def value_curve(
    y: np.ndarray, proba: np.ndarray, case: BusinessCase, thresholds: np.ndarray = GRID
) -> pd.DataFrame:
    """Expected value for each threshold; ``y`` (n,) of 0/1, ``proba`` (n,) of P(y = 1).

    Returns columns ``threshold``, ``contacted`` (share of customers), ``value`` (total) and
    ``value_per_customer`` (total / n, comparable between data sets of different sizes).
    """
    y = np.asarray(y, dtype=float)  # (n,)
    proba = np.asarray(proba, dtype=float)  # (n,)
    gain = y * case.success_rate * case.saved_value - case.offer_cost  # (n,) if contacted
    contacted = proba[None, :] >= thresholds[:, None]  # (n_thresholds, n)
    value = contacted @ gain  # (n_thresholds,)
    return pd.DataFrame(
        {
            "threshold": thresholds,
            "contacted": contacted.mean(axis=1),
            "value": value,
            "value_per_customer": value / len(y),
        }
    )


@dataclass(frozen=True)
class ThresholdChoice:
    """The chosen threshold and what it is worth against the simple alternatives."""

    threshold: float  # chosen on out-of-fold training predictions
    break_even: float  # offer_cost / (success_rate × saved_value): ideal if calibrated
    train_curve: pd.DataFrame  # value_curve on the out-of-fold training predictions
    test_curve: pd.DataFrame  # value_curve on the test rows
    test_value: float  # per customer, at the chosen threshold, on the test rows
    test_value_default: float  # per customer at 0.5
    test_value_everyone: float  # per customer if every customer gets the offer
    test_contacted: float  # share contacted at the chosen threshold, test rows


def choose_threshold(
    y_oof: np.ndarray,
    proba_oof: np.ndarray,
    y_test: np.ndarray,
    proba_test: np.ndarray,
    case: BusinessCase,
) -> ThresholdChoice:
    """Pick the threshold with the highest out-of-fold value; score it on the test rows."""
    train = value_curve(y_oof, proba_oof, case)
    test = value_curve(y_test, proba_test, case)
    best = int(np.argmax(train["value"].to_numpy()))  # first of ties: the lowest threshold
    chosen = float(train["threshold"].iloc[best])

    def at(threshold: float, column: str) -> float:
        row = int(np.argmin(np.abs(test["threshold"].to_numpy() - threshold)))
        return float(test[column].iloc[row])

    return ThresholdChoice(
        threshold=chosen,
        break_even=case.offer_cost / (case.success_rate * case.saved_value),
        train_curve=train,
        test_curve=test,
        test_value=at(chosen, "value_per_customer"),
        test_value_default=at(0.5, "value_per_customer"),
        test_value_everyone=at(0.0, "value_per_customer"),
        test_contacted=at(chosen, "contacted"),
    )
