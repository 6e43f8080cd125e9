# right: a column of ones for the intercept, one lstsq for slopes and intercept together
import numpy as np


def least_squares(X, y):
    A = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return theta[:-1], float(theta[-1])
