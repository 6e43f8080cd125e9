# mistake: np.var's default ddof=0: the population variance of the differences, not s²
# fails: t matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt((1 / J + n_test / n_train) * np.var(differences))
    return float(t), float(2 * stdtr(J - 1, -abs(t)))
