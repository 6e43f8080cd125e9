# right: pandas groupby; each row replaced by its group's mean keeps η² of the variance
import numpy as np
import pandas as pd


def correlation_ratio(groups, values):
    frame = pd.DataFrame({"g": groups, "y": values})
    frame = frame[frame["g"] != -1]
    group_means = frame.groupby("g")["y"].transform("mean")
    between = ((group_means - frame["y"].mean()) ** 2).sum()
    total = ((frame["y"] - frame["y"].mean()) ** 2).sum()
    return float(np.sqrt(between / total))
