# right: the two-sided tail of Student's t written with the regularised incomplete beta:
# P(|T| ≥ |t|) = I_{df / (df + t²)}(df / 2, 1 / 2)
import numpy as np
from scipy.special import betainc


def corrected_ttest(differences, n_train, n_test):
    J = differences.size
    df = J - 1
    s2 = np.sum((differences - differences.mean()) ** 2) / df
    t = differences.mean() / np.sqrt(s2 * (1.0 / J + n_test / n_train))
    p = betainc(df / 2, 0.5, df / (df + t * t))
    return float(t), float(p)
