# right: pandas skips NaN by itself and its quantile interpolates linearly, like NumPy's default
import pandas as pd


def iqr_fences(values, k):
    q1, q3 = pd.Series(values).quantile([0.25, 0.75])
    spread = q3 - q1
    return float(q1 - k * spread), float(q3 + k * spread)
