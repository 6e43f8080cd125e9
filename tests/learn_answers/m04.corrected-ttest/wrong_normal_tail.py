# mistake: the p-value from the normal distribution: with 5 or 10 folds the t distribution's
# tails are much heavier, so p comes out too small
# fails: p_value matches the reference
import math

import numpy as np


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt((1 / J + n_test / n_train) * differences.var(ddof=1))
    return float(t), math.erfc(abs(float(t)) / math.sqrt(2))
