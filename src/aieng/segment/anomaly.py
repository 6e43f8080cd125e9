"""The customers that fit no pattern: two detectors, the top few, and why each is unusual.

* **Isolation Forest** splits the data at random until each row stands alone; an unusual row is
  isolated in few splits, so a short average path means a high anomaly score. It looks at the
  data *globally*.
* **Local Outlier Factor** compares each row's local density (how close its nearest neighbours
  are) with its neighbours' densities; far above 1 means it sits in a sparse spot of a dense
  region. It looks *locally*.

They answer different questions, so the report shows how much they agree (overlap of the rows
each flags, rank correlation of the scores) rather than pretending one is the truth.

The *why* is read from the original columns, not the encoded matrix: a number's **robust
z-score** ``(x − median) / (1.4826 · MAD)`` says how far it is from the typical customer (the
median and the median absolute deviation ignore the outliers themselves, unlike mean and std;
1.4826 makes it match a standard deviation on normal data), and a category's share says how
rare a level is.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from aieng.clean.outliers import mad_scale
from aieng.segment.features import MISSING_LEVEL

REASONS = 3  # values named per unusual row: the furthest from typical


@dataclass(frozen=True)
class Anomalies:
    """Scores of both detectors (higher = more unusual) and the most unusual rows explained."""

    isolation: np.ndarray  # (n_samples,) Isolation Forest score
    lof: np.ndarray  # (n_samples,) Local Outlier Factor (about 1 for an ordinary row)
    flagged_isolation: np.ndarray  # (n_samples,) bool: in the top ``contamination`` share
    flagged_lof: np.ndarray  # (n_samples,) bool: the same for LOF
    contamination: float  # share of rows each detector flags
    overlap: float  # |both| / |either| (Jaccard) of the flagged rows
    rank_correlation: float  # Spearman correlation of the two scores
    top: pd.DataFrame  # the ``top_n`` rows by Isolation Forest (1-based), scores and reasons


def robust_z(values: pd.Series) -> pd.Series:
    """``(x − median) / (1.4826 · MAD)`` (month 1's mad_scale); else the IQR, then the std."""
    x = values.astype("float64")
    median = float(x.median())
    scale = mad_scale(x.dropna().to_numpy())
    if not scale > 0:  # over half the rows share one value (e.g. many zeros)
        scale = float(x.quantile(0.75) - x.quantile(0.25)) / 1.349
    if not scale > 0:
        scale = float(x.std())
    if not scale > 0:
        return pd.Series(0.0, index=x.index)
    return (x - median) / scale


def reasons(frame: pd.DataFrame, columns: Sequence[str], rows: np.ndarray) -> list[str]:
    """Why each of ``rows`` (positions in ``frame``) is unusual: its ``REASONS`` values furthest
    from the typical customer, in robust z-scores.

    A number is scored by :func:`robust_z`. A category level held by a share p of the rows is
    the typical value if it is the most common level (z = 0); otherwise it is scored like its
    0/1 indicator column, whose MAD and IQR are 0, so the standard deviation is the scale:
    z = 1 / sqrt(p (1 − p)) — a level held by 10 % scores 3.3, by 1 % scores 10.
    Medians, spreads and shares come from all of ``frame``: "unusual" means unusual among all
    customers, not among the other outliers.
    """
    found: list[list[tuple[float, str]]] = [[] for _ in rows]
    for name in columns:
        series = frame[name]
        if ptypes.is_numeric_dtype(series.dtype) and not ptypes.is_bool_dtype(series.dtype):
            z = np.nan_to_num(robust_z(series).to_numpy()[rows])  # (n_rows,)
            median = series.median()
            for i, zi in enumerate(z):
                value = series.iloc[rows[i]]
                text = f"{name} {value:.4g} (typical {median:.4g}, z {zi:+.1f})"
                found[i].append((abs(zi), text))
        else:
            text_values = series.astype(object).where(series.notna(), MISSING_LEVEL).map(str)
            counts = text_values.value_counts(normalize=True)
            shares = text_values.map(counts).to_numpy()[rows]  # (n_rows,)
            for i, p in enumerate(shares):
                level = text_values.iloc[rows[i]]
                if level == counts.index[0]:
                    continue  # the most common level is the typical value
                zi = 1.0 / np.sqrt(p * (1.0 - p))
                found[i].append((zi, f"{name} = {level} ({p:.0%} of rows, z {zi:+.1f})"))
    return [
        "; ".join(t for _, t in sorted(items, key=lambda item: -item[0])[:REASONS])
        for items in found
    ]


def detect(
    X: np.ndarray,
    frame: pd.DataFrame,
    columns: Sequence[str],
    *,
    contamination: float = 0.02,
    n_neighbors: int = 20,
    top_n: int = 10,
    seed: int = 0,
) -> Anomalies:
    """Score the rows of ``X`` (n_samples, n_features) with both detectors; explain the top.

    ``frame`` holds the same rows with their original ``columns``, for the reasons.
    """
    from scipy.stats import spearmanr
    from sklearn.ensemble import IsolationForest
    from sklearn.neighbors import LocalOutlierFactor

    n = len(X)
    forest = IsolationForest(n_estimators=200, random_state=seed).fit(X)
    isolation = -forest.score_samples(X)  # (n_samples,) sklearn's sign: lower = more unusual
    with warnings.catch_warnings():  # duplicated rows make LOF warn; their LOF is still usable
        warnings.simplefilter("ignore", UserWarning)
        lof_model = LocalOutlierFactor(n_neighbors=min(n_neighbors, n - 1)).fit(X)
    lof = -lof_model.negative_outlier_factor_  # (n_samples,)
    n_flag = max(1, round(contamination * n))
    flagged_isolation = _top_mask(isolation, n_flag)
    flagged_lof = _top_mask(lof, n_flag)
    both = int(np.sum(flagged_isolation & flagged_lof))
    either = int(np.sum(flagged_isolation | flagged_lof))
    rho = float(spearmanr(isolation, lof).statistic) if n > 2 else float("nan")
    order = np.argsort(-isolation, kind="stable")[:top_n]  # (top_n,)
    why = reasons(frame, columns, order)
    top = pd.DataFrame(
        {
            "row": order + 1,  # 1-based, as in the segment assignments
            "isolation score": isolation[order],
            "LOF": lof[order],
            "flagged by LOF too": flagged_lof[order],
            "why": why,
        }
    )
    return Anomalies(
        isolation=isolation,
        lof=lof,
        flagged_isolation=flagged_isolation,
        flagged_lof=flagged_lof,
        contamination=n_flag / n,
        overlap=both / either if either else 1.0,
        rank_correlation=rho,
        top=top,
    )


def _top_mask(scores: np.ndarray, count: int) -> np.ndarray:
    mask = np.zeros(len(scores), dtype=bool)
    mask[np.argsort(-scores, kind="stable")[:count]] = True
    return mask
