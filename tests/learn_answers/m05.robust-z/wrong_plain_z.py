# mistake: the ordinary z-score (mean and std), which the outliers themselves inflate
# fails: z matches the reference
import numpy as np


def robust_z(values):
    s = values.std(ddof=1)
    return (values - values.mean()) / s if s > 0 else np.zeros(len(values))
