# mistake: centres the caller's array in place on the way to the variance
# fails: does not modify its inputs
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    mean = differences.mean()
    differences -= mean
    s2 = float(differences @ differences) / (J - 1)
    t = mean / np.sqrt((1 / J + n_test / n_train) * s2)
    return float(t), float(2 * stdtr(J - 1, -abs(t)))
