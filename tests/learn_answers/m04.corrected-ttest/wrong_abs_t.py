# mistake: returns |t|: the p-value is right, but the sign that says which model won is lost
# fails: t matches the reference
import numpy as np
from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    J = len(differences)
    t = abs(differences.mean()) / np.sqrt((1 / J + n_test / n_train) * differences.var(ddof=1))
    return float(t), float(2 * stdtr(J - 1, -t))
