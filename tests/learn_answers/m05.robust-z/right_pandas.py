# right: with pandas: Series.median, Series.quantile (linear by default) and Series.std (ddof=1)
import numpy as np
import pandas as pd


def robust_z(values):
    x = pd.Series(values)
    centre = x.median()
    for scale in (
        1.4826 * (x - centre).abs().median(),
        (x.quantile(0.75) - x.quantile(0.25)) / 1.349,
        x.std(),
    ):
        if scale > 0:
            return ((x - centre) / scale).to_numpy(dtype=float)
    return np.zeros(len(x))
