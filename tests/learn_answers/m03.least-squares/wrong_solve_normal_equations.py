# mistake: np.linalg.solve on XᵀX instead of inv: better, but XᵀX has already lost the digits
# fails: coef matches the reference
import numpy as np


def least_squares(X, y):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    coef = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
    return coef, float(y.mean() - X.mean(axis=0) @ coef)
