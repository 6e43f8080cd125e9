# mistake: the correction as the share of all rows held out, n_test / (n_train + n_test)
# fails: t matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    share = n_test / (n_train + n_test)
    t = differences.mean() / np.sqrt((1 / J + share) * differences.var(ddof=1))
    return float(t), float(2 * stdtr(J - 1, -abs(t)))
