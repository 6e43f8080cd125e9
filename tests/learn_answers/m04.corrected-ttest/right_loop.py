# right: the sample variance summed by hand; the p-value from the upper tail, doubled
import math

from scipy.special import stdtr


def corrected_ttest(differences, n_train, n_test):
    d = differences.tolist()
    J = len(d)
    mean = sum(d) / J
    s2 = sum((x - mean) ** 2 for x in d) / (J - 1)
    t = mean / math.sqrt(s2 / J + s2 * n_test / n_train)
    p = 2 * (1 - stdtr(J - 1, abs(t)))
    return t, float(p)
