# mistake: the normal equations with inv(AᵀA): squaring the condition number loses the digits
# fails: coef matches the reference
import numpy as np


def least_squares(X, y):
    A = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.inv(A.T @ A) @ A.T @ y
    return theta[:-1], float(theta[-1])
