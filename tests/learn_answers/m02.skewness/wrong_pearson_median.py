# mistake: Pearson's second coefficient 3(mean - median)/sd, another lopsidedness measure
# fails: skew matches the reference
import numpy as np


def skewness(x):
    return float(3 * (x.mean() - np.median(x)) / x.std(ddof=1))
