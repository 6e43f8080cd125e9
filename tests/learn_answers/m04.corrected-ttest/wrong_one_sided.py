# mistake: the one-sided p-value (one tail), where both tails are asked
# fails: p_value matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt((1 / J + n_test / n_train) * differences.var(ddof=1))
    return float(t), float(stdtr(J - 1, -abs(t)))
