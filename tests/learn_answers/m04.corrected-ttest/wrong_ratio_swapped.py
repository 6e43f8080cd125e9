# mistake: the correction's ratio upside down, n_train / n_test
# fails: t matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt((1 / J + n_train / n_test) * differences.var(ddof=1))
    return float(t), float(2 * stdtr(J - 1, -abs(t)))
