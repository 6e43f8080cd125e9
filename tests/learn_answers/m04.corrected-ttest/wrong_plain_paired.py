# mistake: the plain paired t-test (variance s²/J): the folds' shared training rows ignored
# fails: t matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = differences.mean() / np.sqrt(differences.var(ddof=1) / J)
    return float(t), float(2 * stdtr(J - 1, -abs(t)))
