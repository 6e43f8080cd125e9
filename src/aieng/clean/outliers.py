"""Numeric outliers by Tukey's IQR fences or the robust z-score; flagged, clipped or dropped.

The robust z-score (Iglewicz & Hoaglin) is ``0.6745 · (x − median) / MAD``: median and MAD ignore
the outliers they look for, unlike the mean and standard deviation, which one huge value drags
along (1.4826 · MAD estimates the standard deviation of normal data). When half the column or
more is one value (mostly zeros, say) its MAD or IQR is 0 and every other value would look
extreme; the limits are then computed on the *other* values, and the dominant one is never an
outlier — so legitimate zeros never turn the rest of the column into outliers.
Columns with fewer than ``min_distinct`` values (codes, small counts) are skipped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aieng.clean.changelog import Change, count, examples, flag_frame
from aieng.clean.config import OutliersStep


def mad_scale(x: np.ndarray) -> float:
    """``1.4826 · median(|x − median|)``: the MAD, scaled to estimate a standard deviation.

    ``x`` holds no NaN. It is 0 when half the values or more are equal; callers decide what then.
    """
    return 1.4826 * float(np.median(np.abs(x - np.median(x))))


def fences(values: np.ndarray, step: OutliersStep) -> tuple[float, float] | None:
    """Lower and upper limits outside which a value is an outlier (None: no spread to judge)."""
    x = values[~np.isnan(values)]  # (n_present,)
    if len(x) == 0:
        return None
    limits = _limits(x, step)
    if limits is not None:
        return limits
    # Half the column or more is one value (zeros, say): judge the other values among themselves,
    # so legitimate zeros never make every non-zero value an outlier.
    dominant = float(np.median(x))
    rest = x[x != dominant]
    limits = _limits(rest, step) if len(rest) >= step.min_distinct else None
    if limits is None:
        return None
    return min(limits[0], dominant), max(limits[1], dominant)


def _limits(x: np.ndarray, step: OutliersStep) -> tuple[float, float] | None:
    q1, median, q3 = np.percentile(x, [25, 50, 75])
    if step.method == "iqr":
        iqr = q3 - q1
        if iqr == 0:
            return None
        return q1 - step.iqr_k * iqr, q3 + step.iqr_k * iqr
    scale = mad_scale(x)
    if scale == 0:
        return None
    return median - step.threshold * scale, median + step.threshold * scale


def handle_outliers(
    series: pd.Series, step: OutliersStep
) -> tuple[pd.Series, Change | None, pd.DataFrame | None, np.ndarray | None]:
    """Apply ``step.action``; return the column, its change, its flags, and rows to drop."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)  # (n_rows,)
    if series.nunique() < step.min_distinct:
        return series, None, None, None
    limits = fences(values, step)
    if limits is None:
        return series, None, None, None
    low, high = limits
    outside = ~np.isnan(values) & ((values < low) | (values > high))
    n = int(outside.sum())
    if not n:
        return series, None, None, None
    col = str(series.name)
    method = f"robust |z| > {step.threshold:g}" if step.method == "mad" else f"IQR k={step.iqr_k:g}"
    span = f"outside [{low:,.4g}, {high:,.4g}] ({method})"
    reasons = [f"outlier {v:,.6g} {span}" for v in values[outside]]
    flags = flag_frame(series.index[outside], col, "outliers", reasons)
    if step.action == "flag":
        note = f"{count(n, 'value')} {span}: flagged, not changed"
        return series, Change("outliers", col, 0, note), flags, None
    if step.action == "drop":
        note = f"{count(n, 'row')} with values {span}: dropped"
        change = Change("outliers", col, n, note, examples(series, series.where(~outside), outside))
        return series, change, flags, outside
    if pd.api.types.is_integer_dtype(series.dtype):  # whole limits keep an integer column whole
        clipped = series.clip(lower=int(np.ceil(low)), upper=int(np.floor(high)))
    else:
        clipped = series.clip(lower=low, upper=high)
    note = f"{count(n, 'value')} {span}: clipped to the limits"
    return (
        clipped,
        Change("outliers", col, n, note, examples(series, clipped, outside)),
        flags,
        None,
    )
