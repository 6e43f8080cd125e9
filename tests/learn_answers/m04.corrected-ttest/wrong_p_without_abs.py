# mistake: the tail beyond t rather than beyond |t|: right while a wins, p > 1 when b does
# fails: p_value matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt((1 / J + n_test / n_train) * differences.var(ddof=1))
    return float(t), float(2 * (1 - stdtr(J - 1, t)))
